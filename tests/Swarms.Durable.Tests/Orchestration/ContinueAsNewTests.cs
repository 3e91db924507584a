using Swarms.Durable.History;
using Swarms.Durable.Tests.Infrastructure;

namespace Swarms.Durable.Tests.Orchestration;

public sealed class ContinueAsNewTests
{
    [Fact]
    public async Task ContinueAsNew_CounterLoop_RestartsWithNewInputAndFreshHistory()
    {
        await using var host = await DurableTestHost.StartAsync(r => r
            .AddOrchestratorFunc<int, int>("Counter", async (ctx, n) =>
            {
                await ctx.CallActivityAsync<int>("Echo", n);
                if (n < 10)
                {
                    ctx.ContinueAsNew(n + 1);
                }

                return n;
            })
            .AddActivityFunc<int, int>("Echo", (_, n) => n));

        var metadata = await host.RunAsync("Counter", 0);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, metadata.RuntimeStatus);
        Assert.Equal(10, metadata.ReadOutputAs<int>());
        Assert.Equal(10, metadata.ReadInputAs<int>());
        var history = await host.Client.GetHistoryAsync(metadata.InstanceId);
        Assert.Single(history.OfType<TaskScheduled>());
        Assert.Equal("10", Assert.IsType<ContinueAsNew>(history[0]).Input);
    }

    [Fact]
    public async Task ContinueAsNew_EventBufferedBeforeRestart_IsCarriedToNextExecution()
    {
        await using var host = await DurableTestHost.StartAsync(r => r
            .AddOrchestratorFunc<int, string>("Loop", async (ctx, n) =>
            {
                if (n == 0)
                {
                    await ctx.WaitForExternalEvent<string>("first");
                    ctx.ContinueAsNew(1);
                    return "restarting";
                }

                return await ctx.WaitForExternalEvent<string>("second");
            }));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Loop", 0);
        await host.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running);

        await host.Client.RaiseEventAsync(id, "second", "kept");
        await host.Client.RaiseEventAsync(id, "first", "go");
        var metadata = await host.WaitAsync(id);

        Assert.Equal("kept", metadata.ReadOutputAs<string>());
    }

    [Fact]
    public async Task ContinueAsNew_ActivityOfOldExecutionFinishesLate_ResultDoesNotReachNewExecution()
    {
        var slowStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseSlow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slowFinished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await DurableTestHost.StartAsync(r => r
            .AddOrchestratorFunc<int, string>("Generations", async (ctx, n) =>
            {
                if (n == 0)
                {
                    _ = ctx.CallActivityAsync<string>("Slow");
                    await ctx.WaitForExternalEvent<string>("next");
                    ctx.ContinueAsNew(1);
                    return "restarting";
                }

                return await ctx.CallActivityAsync<string>("Fast");
            })
            .AddActivityFunc<object?, string>("Slow", async (_, _) =>
            {
                slowStarted.SetResult();
                await releaseSlow.Task;
                slowFinished.SetResult();
                return "stale result of execution 0";
            })
            .AddActivityFunc<object?, string>("Fast", async (_, _) =>
            {
                await slowFinished.Task;
                await Task.Delay(200); // lets the stale result reach the instance first, if it could
                return "fast";
            }));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Generations", 0);
        await slowStarted.Task.WaitAsync(DurableTestHost.HangGuard);

        await host.Client.RaiseEventAsync(id, "next");
        await DurableTestHost.WaitUntilAsync(
            async () => (await host.Client.GetHistoryAsync(id)).OfType<TaskScheduled>().Any(t => t.Name == "Fast"), "the new execution schedules Fast");
        releaseSlow.SetResult();
        var metadata = await host.WaitAsync(id);

        Assert.Equal("fast", metadata.ReadOutputAs<string>());
    }
}
