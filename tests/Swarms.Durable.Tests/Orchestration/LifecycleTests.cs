using Swarms.Durable.Client;
using Swarms.Durable.History;
using Swarms.Durable.Tests.Infrastructure;

namespace Swarms.Durable.Tests.Orchestration;

public sealed class LifecycleTests
{
    private static void Register(DurableTaskRegistry r) => r
        .AddOrchestratorFunc<object?, string>("Waiter", (ctx, _) => ctx.WaitForExternalEvent<string>("go"))
        .AddOrchestratorFunc<object?, string>("Quick", (_, _) => Task.FromResult("done"));

    [Fact]
    public async Task TerminateInstanceAsync_RunningInstance_IsTerminatedWithReason()
    {
        await using var host = await DurableTestHost.StartAsync(Register);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter");
        await host.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running);

        await host.Client.TerminateInstanceAsync(id, "no longer needed");
        var metadata = await host.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, metadata.RuntimeStatus);
        Assert.Equal("no longer needed", metadata.ReadOutputAs<string>());
        Assert.Contains((await host.Client.GetHistoryAsync(id)), e => e is ExecutionTerminated);
    }

    [Fact]
    public async Task SuspendInstanceAsync_EventWhileSuspended_IsDeliveredOnlyAfterResume()
    {
        await using var host = await DurableTestHost.StartAsync(Register);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter");
        await host.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running);

        await host.Client.SuspendInstanceAsync(id, "maintenance");
        await host.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Suspended);
        await host.Client.RaiseEventAsync(id, "go", "payload");
        await Task.Delay(200);
        Assert.Equal(OrchestrationRuntimeStatus.Suspended, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);
        Assert.DoesNotContain(await host.Client.GetHistoryAsync(id), e => e is EventRaised);
        await host.Client.ResumeInstanceAsync(id, "back");
        var metadata = await host.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, metadata.RuntimeStatus);
        Assert.Equal("payload", metadata.ReadOutputAs<string>());
        var history = await host.Client.GetHistoryAsync(id);
        Assert.True(history.ToList().FindIndex(e => e is ExecutionResumed) < history.ToList().FindIndex(e => e is EventRaised));
    }

    [Fact]
    public async Task PurgeInstanceAsync_FinishedAndRunningInstances_DeletesOnlyFinished()
    {
        await using var host = await DurableTestHost.StartAsync(Register);
        var done = (await host.RunAsync("Quick")).InstanceId;
        var running = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter");
        await host.WaitForStatusAsync(running, OrchestrationRuntimeStatus.Running);

        Assert.Equal(1, (await host.Client.PurgeInstanceAsync(done)).PurgedInstanceCount);
        Assert.Equal(0, (await host.Client.PurgeInstanceAsync(running)).PurgedInstanceCount);

        Assert.Null(await host.Client.GetInstanceAsync(done));
        Assert.Empty(await host.Client.GetHistoryAsync(done));
        Assert.NotNull(await host.Client.GetInstanceAsync(running));
    }

    [Fact]
    public async Task PurgeAllInstancesAsync_StatusFilter_DeletesMatchingFinishedInstances()
    {
        await using var host = await DurableTestHost.StartAsync(Register);
        for (var i = 0; i < 3; i++)
        {
            await host.RunAsync("Quick");
        }

        var terminated = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter");
        await host.WaitForStatusAsync(terminated, OrchestrationRuntimeStatus.Running);
        await host.Client.TerminateInstanceAsync(terminated);
        await host.WaitAsync(terminated);

        var result = await host.Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(Statuses: [OrchestrationRuntimeStatus.Completed]));

        Assert.Equal(3, result.PurgedInstanceCount);
        Assert.NotNull(await host.Client.GetInstanceAsync(terminated));
    }

    [Fact]
    public async Task PurgeAllInstancesAsync_FilterOfOnlyUnfinishedStatuses_PurgesNothing()
    {
        await using var host = await DurableTestHost.StartAsync(Register);
        var finished = await host.RunAsync("Quick");
        var running = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter");
        await host.WaitForStatusAsync(running, OrchestrationRuntimeStatus.Running);

        var result = await host.Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(Statuses: [OrchestrationRuntimeStatus.Running]));

        Assert.Equal(0, result.PurgedInstanceCount);
        Assert.NotNull(await host.Client.GetInstanceAsync(running));
        Assert.NotNull(await host.Client.GetInstanceAsync(finished.InstanceId));
    }
}
