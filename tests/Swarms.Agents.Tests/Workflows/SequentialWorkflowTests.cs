using Swarms.Agents.Workflows;

namespace Swarms.Agents.Tests.Workflows;

public class SequentialWorkflowTests
{
    [Fact]
    public async Task RunAsync_ThreeAgents_EachGetsTaskAndPreviousOutputInOrder()
    {
        var clients = new[] { "A", "B", "C" }.Select(n => new ScriptedChatClient { Reply = _ => $"answer of {n}" }).ToArray();
        var workflow = new SequentialWorkflow([clients[0].Agent("A"), clients[1].Agent("B"), clients[2].Agent("C")]);

        var result = await workflow.RunAsync("Write about tides");

        Assert.Equal(WorkflowStatus.Completed, result.Status);
        Assert.Equal("answer of C", result.Output);
        Assert.Equal(["A", "B", "C"], result.Agents.Select(a => a.Agent));
        Assert.Equal("Write about tides", Assert.Single(clients[0].Inputs));
        var toB = Assert.Single(clients[1].Inputs);
        Assert.StartsWith("Write about tides\n", toB, StringComparison.Ordinal);
        Assert.Contains("answer of A", toB, StringComparison.Ordinal);
        var toC = Assert.Single(clients[2].Inputs);
        Assert.Contains("answer of B", toC, StringComparison.Ordinal);
        Assert.DoesNotContain("answer of A", toC, StringComparison.Ordinal);
        Assert.Equal(3 * 13, result.Usage.TotalTokens);
        Assert.All(result.Agents, a => Assert.Equal(AgentStepStatus.Completed, a.Status));
    }

    [Fact]
    public async Task RunAsync_TranscriptMode_LastAgentSeesEveryEarlierOutput()
    {
        var a = new ScriptedChatClient { Reply = _ => "alpha" };
        var b = new ScriptedChatClient { Reply = _ => "beta" };
        var c = new ScriptedChatClient { Reply = _ => "gamma" };
        var workflow = new SequentialWorkflow([a.Agent("A"), b.Agent("B"), c.Agent("C")],
            new SequentialWorkflowOptions { InputMode = SequentialInputMode.Transcript });

        await workflow.RunAsync("task");

        var toC = Assert.Single(c.Inputs);
        Assert.Contains("[A]\nalpha", toC, StringComparison.Ordinal);
        Assert.Contains("[B]\nbeta", toC, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_MiddleAgentFails_RunFailsAndLaterAgentsAreSkipped()
    {
        var a = new ScriptedChatClient { Reply = _ => "alpha" };
        var b = new ScriptedChatClient { Failure = new InvalidOperationException("model exploded") };
        var c = new ScriptedChatClient { Reply = _ => "gamma" };
        var workflow = new SequentialWorkflow([a.Agent("A"), b.Agent("B"), c.Agent("C")]);

        var result = await workflow.RunAsync("task");

        Assert.Equal(WorkflowStatus.Failed, result.Status);
        Assert.Equal([AgentStepStatus.Completed, AgentStepStatus.Failed, AgentStepStatus.Skipped], result.Agents.Select(r => r.Status));
        Assert.Contains("model exploded", result.Agents[1].Error, StringComparison.Ordinal);
        Assert.Contains("'B'", result.Error, StringComparison.Ordinal);
        Assert.Empty(c.Inputs);
    }

    [Fact]
    public async Task RunAsync_TwoLoops_SecondLoopStartsFromLastOutputAndUsageIsSummed()
    {
        int calls = 0;
        var a = new ScriptedChatClient { Reply = _ => $"alpha{Interlocked.Increment(ref calls)}" };
        var b = new ScriptedChatClient { Reply = _ => $"beta{Interlocked.Increment(ref calls)}" };
        var workflow = new SequentialWorkflow([a.Agent("A"), b.Agent("B")], maxLoops: 2);

        var result = await workflow.RunAsync("task");

        Assert.Equal(2, a.Inputs.Count);
        Assert.Contains("beta2", a.Inputs.Last(), StringComparison.Ordinal);
        Assert.Equal("beta4", result.Output);
        Assert.Equal(2 * 11, result.Agents[0].Usage.TotalTokens);
    }

    [Fact]
    public async Task RunAsync_ResultPrinted_ShowsTheFinalOutputNotARecordDump()
    {
        var workflow = new SequentialWorkflow([new ScriptedChatClient { Reply = _ => "the final answer" }.Agent("A")]);

        var result = await workflow.RunAsync("task");

        Assert.Equal("the final answer", result.ToString());
        Assert.Equal("the final answer", $"{result}");
    }

    [Fact]
    public void Constructor_DuplicateAgentNames_Throws()
    {
        var client = new ScriptedChatClient();
        var ex = Assert.Throws<ArgumentException>(() => new SequentialWorkflow([client.Agent("A"), client.Agent("A")]));
        Assert.Contains("'A'", ex.Message, StringComparison.Ordinal);
    }
}
