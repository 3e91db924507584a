using Microsoft.DurableTask.Client;
using Swarms.Agents.Streaming;
using Swarms.Agents.Tests.Fakes;
using Swarms.Agents.Workflows;
using Swarms.Orchestration.Approvals;
using Swarms.Orchestration.Tests.Support;
using Swarms.Testing;

namespace Swarms.Orchestration.Tests.Orchestrations;

/// <summary>Durable swarm runs end to end on the real worker over SQLite: outcomes, the run log, progress and approvals.</summary>
public sealed class SwarmRunTests
{
    [Fact]
    public async Task Sequential_ThreeAgents_CompletesWithTheSameOutputAsTheInProcessWorkflow()
    {
        await using var host = await SwarmHost.StartAsync();
        var definition = Definitions.Sequential(3);

        var result = await host.RunAsync(definition, "Analyze TSLA", "seq-run");
        var inProcess = await definition.CreateWorkflow(configure: o => o.ShowDashboard = false).RunAsync("Analyze TSLA");

        Assert.Equal(WorkflowStatus.Completed, result.Status);
        Assert.Equal("seq-run", result.RunId);
        Assert.Equal(inProcess.Output, result.Output);
        Assert.Equal(inProcess.Agents.Select(a => a.Output), result.Agents.Select(a => a.Output));
        var events = await host.EventsAsync("seq-run");
        Assert.IsType<RunStarted>(events[0]);
        Assert.Equal(result.Output, Assert.IsType<RunCompleted>(events[^1]).Output);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Seq));
        Assert.All(events, e => Assert.Equal("seq-run", e.RunId));
        // Every event was handed to the live publisher too, once, with its logged number.
        Assert.Equal(events.Select(e => e.Seq), host.Published.Events("seq-run").Select(e => e.Seq).Order());
    }

    [Fact]
    public async Task Concurrent_EachAgentsLoggedTextIsItsFinalOutput()
    {
        await using var host = await SwarmHost.StartAsync();

        var result = await host.RunAsync(Definitions.Concurrent(4, maxConcurrency: 2), "Analyze NVDA", "conc-run");

        Assert.Equal(WorkflowStatus.Completed, result.Status);
        var events = await host.EventsAsync("conc-run");
        foreach (var agent in result.Agents)
        {
            var text = string.Concat(events.OfType<TextDelta>().Where(d => d.Agent == agent.Agent).Select(d => d.Delta));
            Assert.Equal(agent.Output, text);
        }
    }

    [Fact]
    public async Task Concurrent_OneAgentFailsUnderContinue_RunPartlyCompletesWithTheOthersAnswers()
    {
        await using var server = await ChatCompletionsServer.StartAsync();
        new SwarmModel(failing: ["Agent-2"]).On(server);
        await using var host = await SwarmHost.StartAsync(model: s => SwarmModel.Configure(s, server));

        var result = await host.RunAsync(Definitions.Concurrent(3), "Analyze NVDA", "partial");

        Assert.Equal(WorkflowStatus.PartiallyCompleted, result.Status);
        Assert.Equal([AgentStepStatus.Completed, AgentStepStatus.Failed, AgentStepStatus.Completed], result.Agents.Select(a => a.Status));
        Assert.Contains("Agent-2", result.Error, StringComparison.Ordinal);
        Assert.Contains("## Agent-1", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("## Agent-2", result.Output, StringComparison.Ordinal);
        var failed = Assert.Single((await host.EventsAsync("partial")).OfType<AgentFailed>());
        Assert.False(failed.WillRetry);
    }

    [Fact]
    public async Task ModelRetry_InsideTheTurn_LogsTheFailedAttemptAndTheNextOne()
    {
        await using var server = await ChatCompletionsServer.StartAsync();
        server.Enqueue(new FakeReply { Content = ["Half ", "an ", "answer"], EndAfterChunks = 2 }, FakeReply.Text("Whole ", "answer."));
        await using var host = await SwarmHost.StartAsync(model: s => SwarmModel.Configure(s, server));
        var definition = Definitions.Sequential(1) with { Agents = [Definitions.Agent("Agent-1", retries: 1)] };

        var result = await host.RunAsync(definition, "Go", "retry");

        Assert.Equal("Whole answer.", result.Output);
        var events = await host.EventsAsync("retry");
        Assert.Equal([1, 2], events.OfType<AgentStarted>().Select(s => s.Attempt));
        Assert.True(Assert.Single(events.OfType<AgentFailed>()).WillRetry);
        Assert.Equal(2, Assert.Single(events.OfType<AgentCompleted>()).Attempt);
    }

    [Fact]
    public async Task Progress_ARunningSwarm_ShowsDoneRunningAndWaitingAgentsInItsCustomStatus()
    {
        await using var host = await SwarmHost.StartAsync();
        var definition = Definitions.Sequential(3);
        definition = definition with { Agents = [definition.Agents[0], definition.Agents[1] with { Approval = true }, definition.Agents[2]] };

        var runId = await host.StartRunAsync(definition, "Analyze TSLA");
        var progress = await WaitForProgressAsync(host, runId, p => p.WaitingForApproval.Count == 1);

        Assert.Equal(["Agent-1"], progress.Completed);
        Assert.Equal(["Agent-2"], progress.WaitingForApproval);
        Assert.Empty(progress.Running);
        Assert.Equal(1, progress.Loop);
        await host.Client.ApproveAsync(runId, "Agent-2");
        var done = await host.WaitAsync(runId);
        Assert.Equal(["Agent-1", "Agent-2", "Agent-3"], done.ReadCustomStatusAs<SwarmRunProgress>()!.Completed);
    }

    [Fact]
    public async Task Approval_Rejected_AgentIsSkippedWithTheFeedbackAndTheNextGetsThePreviousOutput()
    {
        await using var host = await SwarmHost.StartAsync();
        var definition = Definitions.Sequential(3);
        definition = definition with { Agents = [definition.Agents[0], definition.Agents[1] with { Approval = true }, definition.Agents[2]] };
        var runId = await host.StartRunAsync(definition, "Analyze TSLA");
        await WaitForProgressAsync(host, runId, p => p.WaitingForApproval.Count == 1);

        await host.Client.RejectAsync(runId, "Agent-2", "Too speculative.");
        var result = (await host.WaitAsync(runId)).ReadOutputAs<SwarmRunResult>()!;

        Assert.Equal(WorkflowStatus.Completed, result.Status);
        Assert.Equal([AgentStepStatus.Completed, AgentStepStatus.Rejected, AgentStepStatus.Completed], result.Agents.Select(a => a.Status));
        Assert.Contains("Too speculative.", result.Agents[1].Error, StringComparison.Ordinal);
        Assert.Equal(result.Agents[2].Output, result.Output);
        var events = await host.EventsAsync(runId);
        Assert.DoesNotContain(events.OfType<AgentStarted>(), s => s.Agent == "Agent-2");
        var decided = Assert.Single(events.OfType<ApprovalDecided>());
        Assert.Equal(("Agent-2", false, "Too speculative.", false), (decided.Agent, decided.Approved, decided.Feedback, decided.TimedOut));
        // Agent 3 was handed what agent 1 produced: the same input an in-process run without agent 2 gives it.
        var withoutAgent2 = await (definition with { Agents = [definition.Agents[0], definition.Agents[2]] })
            .CreateWorkflow(configure: o => o.ShowDashboard = false).RunAsync("Analyze TSLA");
        Assert.Equal(withoutAgent2.Output, result.Output);
    }

    [Fact]
    public async Task Approval_DecidedWhileAnEarlierAgentRuns_IsTakenWhenTheRunReachesTheAgent()
    {
        await using var server = await ChatCompletionsServer.StartAsync();
        new SwarmModel(slowFirstCall: ["Agent-1"]).On(server);
        await using var host = await SwarmHost.StartAsync(model: s => SwarmModel.Configure(s, server));
        var definition = Definitions.Sequential(2);
        definition = definition with { Agents = [definition.Agents[0], definition.Agents[1] with { Approval = true }] };
        var runId = await host.StartRunAsync(definition, "Go");
        await WaitForProgressAsync(host, runId, p => p.Running.Contains("Agent-1"));

        await host.Client.ApproveAsync(runId, "Agent-2", "Fine by me.");
        var result = (await host.WaitAsync(runId)).ReadOutputAs<SwarmRunResult>()!;

        Assert.Equal(WorkflowStatus.Completed, result.Status);
        Assert.Equal(AgentStepStatus.Completed, result.Agents[1].Status);
        var decided = Assert.Single((await host.EventsAsync(runId)).OfType<ApprovalDecided>());
        Assert.Equal((true, "Fine by me."), (decided.Approved, decided.Feedback));
    }

    [Fact]
    public async Task Approval_NobodyDecidesInTime_AgentFailsAndTheSequentialRunStops()
    {
        await using var host = await SwarmHost.StartAsync();
        var definition = Definitions.Sequential(3);
        definition = definition with
        {
            Agents = [definition.Agents[0], definition.Agents[1] with { Approval = true, ApprovalTimeout = TimeSpan.FromSeconds(1) }, definition.Agents[2]],
        };

        var result = await host.RunAsync(definition, "Go", "timeout");

        Assert.Equal(WorkflowStatus.Failed, result.Status);
        Assert.Equal([AgentStepStatus.Completed, AgentStepStatus.Failed, AgentStepStatus.Skipped], result.Agents.Select(a => a.Status));
        Assert.Contains("not approved within 00:00:01", result.Error, StringComparison.Ordinal);
        var events = await host.EventsAsync("timeout");
        Assert.True(Assert.Single(events.OfType<ApprovalDecided>()).TimedOut);
        Assert.IsType<RunFailed>(events[^1]);
    }

    [Fact]
    public async Task MaxLoops_Two_EachAgentRunsTwiceAndTheSecondLoopBuildsOnTheFirst()
    {
        await using var server = await ChatCompletionsServer.StartAsync();
        new SwarmModel().On(server);
        await using var host = await SwarmHost.StartAsync(model: s => SwarmModel.Configure(s, server));
        var definition = Definitions.Sequential(2, maxLoops: 2);

        var result = await host.RunAsync(definition, "Go", "loops");

        Assert.Equal(new Dictionary<string, int> { ["Agent-1"] = 2, ["Agent-2"] = 2 }, SwarmModel.CallsPerAgent(server.Requests));
        var secondLoopOfAgent1 = server.Requests.Where(r => SwarmModel.AgentOf(r) == "Agent-1").Last();
        Assert.Contains("Output of the previous agent, Agent-2", secondLoopOfAgent1.UserPrompt, StringComparison.Ordinal);
        var factory = SwarmModel.Factory(server);
        var inProcess = await definition.CreateWorkflow(a => factory.Create(a), o => o.ShowDashboard = false).RunAsync("Go");
        Assert.Equal(inProcess.Output, result.Output);
    }

    [Fact]
    public async Task FiftyAgents_MaxConcurrencyEight_NeverMoreThanEightModelCallsAtOnceAndEveryOutputPresent()
    {
        await using var server = await ChatCompletionsServer.StartAsync();
        new SwarmModel(words: 6, delay: TimeSpan.FromMilliseconds(15)) { AllSlow = true }.On(server);
        await using var host = await SwarmHost.StartAsync(model: s => SwarmModel.Configure(s, server));

        var result = await host.RunAsync(Definitions.Concurrent(50, maxConcurrency: 8), "Go", "fifty");

        Assert.Equal(WorkflowStatus.Completed, result.Status);
        Assert.Equal(50, server.Requests.Count);
        Assert.InRange(server.MaxActiveRequests, 2, 8);
        Assert.Equal(Enumerable.Range(1, 50).Select(i => $"Agent-{i}"), result.Agents.Select(a => a.Agent));
        Assert.All(result.Agents, a => Assert.StartsWith($"{a.Agent} on ", a.Output, StringComparison.Ordinal));
        Assert.All(Enumerable.Range(1, 50), i => Assert.Contains($"## Agent-{i}\n\nAgent-{i} on ", result.Output, StringComparison.Ordinal));
    }

    private static async Task<SwarmRunProgress> WaitForProgressAsync(SwarmHost host, string runId, Func<SwarmRunProgress, bool> condition)
    {
        SwarmRunProgress? progress = null;
        await Wait.UntilAsync(async () =>
        {
            var run = await host.Client.GetInstanceAsync(runId, getInputsAndOutputs: true);
            progress = run?.ReadCustomStatusAs<SwarmRunProgress>();
            return progress is not null && condition(progress);
        }, "the run's progress");
        return progress!;
    }
}
