using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Swarms.Durable.Tests.Conformance;

/// <summary>Durable timers and external events.</summary>
public abstract partial class ConformanceTests<TFixture>
{
    [Fact]
    public async Task Timer_OneSecond_ResumesNoEarlierThanItsFireTime()
    {
        var result = await Host.RunAsync("Timer", 1.0);

        var times = result.ReadOutputAs<DateTime[]>()!;
        Assert.True(times[1] >= times[0] - Host.TimerTolerance, $"resumed at {times[1]:O}, before the fire time {times[0]:O}");
    }

    [Fact]
    public async Task Timer_CancelledAfterTheWorkWins_CompletesWithoutWaitingAnHour()
    {
        var result = await Host.RunAsync("CancelTimer");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("Hello, work!", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task ExternalEvent_ArrivesWithinTimeout_ReturnsItsPayload()
    {
        var id = BackendFixture.NewId();
        await Host.Client.ScheduleNewOrchestrationInstanceAsync("EventWithTimeout", 300.0, new StartOrchestrationOptions { InstanceId = id });
        await Host.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running);

        await Host.Client.RaiseEventAsync(id, "approval", "yes");
        var result = await Host.WaitAsync(id);

        Assert.Equal("got yes", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task ExternalEvent_TimeoutElapses_ThrowsTaskCanceled()
    {
        var result = await Host.RunAsync("EventWithTimeout", 1.0);

        Assert.Equal("timed out", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task ExternalEvents_RaisedBeforeWaiting_AreBufferedAndMatchedCaseInsensitively()
    {
        var id = BackendFixture.NewId();
        await Host.Client.ScheduleNewOrchestrationInstanceAsync("TwoEvents", null, new StartOrchestrationOptions { InstanceId = id });

        await Host.Client.RaiseEventAsync(id, "Approval", "yes");
        await Host.Client.RaiseEventAsync(id, "ApProVaL", "again");
        var result = await Host.WaitAsync(id);

        Assert.Equal("yes,again", result.ReadOutputAs<string>());
    }
}
