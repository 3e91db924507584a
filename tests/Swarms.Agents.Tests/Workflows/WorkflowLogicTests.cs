using Swarms.Agents.Streaming;
using Swarms.Agents.Workflows;

namespace Swarms.Agents.Tests.Workflows;

public class WorkflowLogicTests
{
    /// <summary>An invoker whose steps finish only when the test says so: proves the logic's scheduling deterministically.</summary>
    private sealed class ManualInvoker : IAgentInvoker
    {
        public List<AgentStep> Started { get; } = [];

        public Dictionary<int, TaskCompletionSource<AgentStepResult>> Pending { get; } = [];

        public Task<AgentStepResult> InvokeAsync(AgentStep agentStep, CancellationToken cancellationToken)
        {
            Started.Add(agentStep);
            var tcs = new TaskCompletionSource<AgentStepResult>();
            Pending[agentStep.Index] = tcs;
            return tcs.Task;
        }

        public void Finish(int index, AgentStepStatus status = AgentStepStatus.Completed) =>
            Pending[index].SetResult(new AgentStepResult(index, $"A{index}", status, $"out{index}", new TokenUsage(1, 2, 3),
                status == AgentStepStatus.Completed ? null : "failed", null, TimeSpan.Zero));
    }

    private static WorkflowPlan Plan(int agents, int? maxConcurrency = null, WorkflowErrorPolicy onError = WorkflowErrorPolicy.Continue) =>
        new("plan", WorkflowKind.Concurrent, [.. Enumerable.Range(0, agents).Select(i => $"A{i}")]) { MaxConcurrency = maxConcurrency, OnError = onError };

    // Run without the test framework's synchronization context, so continuations run inline when a step finishes.
    [Fact]
    public Task RunAsync_MaxConcurrencyTwo_StartsTheNextAgentInOrderAsEachFinishes() => Task.Run(async () =>
    {
        var invoker = new ManualInvoker();
        var run = WorkflowLogic.RunAsync(Plan(4, maxConcurrency: 2), "task", invoker);

        Assert.Equal([0, 1], invoker.Started.Select(s => s.Index));
        invoker.Finish(1);
        Assert.Equal([0, 1, 2], invoker.Started.Select(s => s.Index));
        invoker.Finish(0);
        Assert.Equal([0, 1, 2, 3], invoker.Started.Select(s => s.Index));
        invoker.Finish(3);
        invoker.Finish(2);

        var result = await run;
        Assert.Equal(["out0", "out1", "out2", "out3"], result.Agents.Select(a => a.Output));
        Assert.Equal(new TokenUsage(4, 8, 12), result.Usage);
    });

    [Fact]
    public Task RunAsync_CancelRestAfterFailure_StartsNoMoreAgents() => Task.Run(async () =>
    {
        var invoker = new ManualInvoker();
        var run = WorkflowLogic.RunAsync(Plan(3, maxConcurrency: 1, WorkflowErrorPolicy.CancelRest), "task", invoker);

        invoker.Finish(0, AgentStepStatus.Failed);
        var result = await run;

        Assert.Single(invoker.Started);
        Assert.Equal(WorkflowStatus.Failed, result.Status);
        Assert.Equal([AgentStepStatus.Failed, AgentStepStatus.Cancelled, AgentStepStatus.Cancelled], result.Agents.Select(a => a.Status));
    });

    [Fact]
    public Task RunAsync_Sequential_SendsTaskThenPreviousOutput() => Task.Run(async () =>
    {
        var invoker = new ManualInvoker();
        var plan = new WorkflowPlan("seq", WorkflowKind.Sequential, ["A0", "A1"]);
        var run = WorkflowLogic.RunAsync(plan, "the task", invoker);

        Assert.Equal("the task", Assert.Single(invoker.Started).Input);
        invoker.Finish(0);
        Assert.Equal("the task\n\nOutput of the previous agent, A0:\nout0", invoker.Started[1].Input);
        invoker.Finish(1);

        Assert.Equal("out1", (await run).Output);
    });

    [Fact]
    public void WorkflowPlan_RoundTripsThroughJson_SoAnOrchestratorCanTakeItAsInput()
    {
        var plan = new WorkflowPlan("p", WorkflowKind.Concurrent, ["A", "B"]) { MaxLoops = 2, MaxConcurrency = 1, OnError = WorkflowErrorPolicy.CancelRest };

        var copy = System.Text.Json.JsonSerializer.Deserialize<WorkflowPlan>(System.Text.Json.JsonSerializer.Serialize(plan))!;

        Assert.Equal((plan.Name, plan.Kind, plan.MaxLoops, plan.MaxConcurrency, plan.OnError), (copy.Name, copy.Kind, copy.MaxLoops, copy.MaxConcurrency, copy.OnError));
        Assert.Equal(plan.Agents, copy.Agents);
    }

    [Fact]
    public async Task RunAsync_InvalidPlan_ThrowsNamingTheField()
    {
        var plan = new WorkflowPlan("bad", WorkflowKind.Concurrent, ["A"]) { MaxConcurrency = 0 };
        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => WorkflowLogic.RunAsync(plan, "task", new ManualInvoker()));
        Assert.Equal("MaxConcurrency", ex.ParamName);
    }
}
