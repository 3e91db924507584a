using Swarms.Durable.History;
using Swarms.Durable.Tests.Infrastructure;

namespace Swarms.Durable.Tests.Orchestration;

public sealed class TimerAndEventTests
{
    [Fact]
    public async Task CreateTimer_ClockAdvancedPastFireTime_ResumesWithTimerTime()
    {
        await using var host = await DurableTestHost.StartWithFakeTimeAsync(r => r
            .AddOrchestratorFunc<object?, DateTime>("Sleep", async (ctx, _) =>
            {
                await ctx.CreateTimer(TimeSpan.FromHours(1));
                return ctx.CurrentUtcDateTime;
            }));
        var start = host.Time.GetUtcNow().UtcDateTime;
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Sleep");
        await DurableTestHost.WaitUntilAsync(
            async () => (await host.Client.GetHistoryAsync(id)).OfType<TimerCreated>().Any(), "the timer is created");

        host.FakeTime.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);
        host.FakeTime.Advance(TimeSpan.FromMinutes(1));
        var metadata = await host.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, metadata.RuntimeStatus);
        Assert.Equal(start.AddHours(1), metadata.ReadOutputAs<DateTime>());
    }

    [Fact]
    public async Task CreateTimer_CancelledAfterTheWorkWins_CompletesAtOnceWithTheWorkAndACancelledTimer()
    {
        await using var host = await DurableTestHost.StartWithFakeTimeAsync(r => r
            .AddOrchestratorFunc<object?, string>("WithTimeout", async (ctx, _) =>
            {
                using var cts = new CancellationTokenSource();
                var timeout = ctx.CreateTimer(ctx.CurrentUtcDateTime.AddHours(1), cts.Token);
                var work = ctx.CallActivityAsync<string>("Work");
                if (await Task.WhenAny(work, timeout) != work)
                {
                    return "timed out";
                }

                cts.Cancel();
                try
                {
                    await timeout;
                    return "timer fired";
                }
                catch (TaskCanceledException)
                {
                    return await work + "; timer cancelled";
                }
            })
            .AddActivityFunc<object?, string>("Work", (_, _) => "done"));

        // The fake clock never moves: only cancelling the timer lets the instance finish.
        var metadata = await host.RunAsync("WithTimeout");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, metadata.RuntimeStatus);
        Assert.Equal("done; timer cancelled", metadata.ReadOutputAs<string>());
    }

    [Fact]
    public async Task CreateTimer_WithTokenFiringFirst_WinsTheWhenAny()
    {
        await using var host = await DurableTestHost.StartWithFakeTimeAsync(r => r
            .AddOrchestratorFunc<object?, string>("WithTimeout", async (ctx, _) =>
            {
                using var cts = new CancellationTokenSource();
                var timeout = ctx.CreateTimer(ctx.CurrentUtcDateTime.AddMinutes(5), cts.Token);
                var approval = ctx.WaitForExternalEvent<string>("approval");
                return await Task.WhenAny(approval, timeout) == timeout ? "timed out" : await approval;
            }));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("WithTimeout");
        await DurableTestHost.WaitUntilAsync(
            async () => (await host.Client.GetHistoryAsync(id)).OfType<TimerCreated>().Any(), "the timer is created");

        host.FakeTime.Advance(TimeSpan.FromMinutes(5));
        var metadata = await host.WaitAsync(id);

        Assert.Equal("timed out", metadata.ReadOutputAs<string>());
    }

    [Fact]
    public async Task WaitForExternalEvent_EventRaisedBeforeWaiting_IsBufferedAndMatchedCaseInsensitively()
    {
        await using var host = await DurableTestHost.StartAsync(r => r
            .AddOrchestratorFunc<object?, string>("Approve", async (ctx, _) =>
            {
                await ctx.CallActivityAsync<string>("Wait");
                var first = await ctx.WaitForExternalEvent<string>("approval");
                var second = await ctx.WaitForExternalEvent<string>("APPROVAL");
                return first + "," + second;
            })
            .AddActivityFunc<object?, string>("Wait", async (_, _) =>
            {
                await Task.Delay(50);
                return "done";
            }));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Approve");

        await host.Client.RaiseEventAsync(id, "Approval", "yes");
        await host.Client.RaiseEventAsync(id, "ApProVaL", "again");
        var metadata = await host.WaitAsync(id);

        Assert.Equal("yes,again", metadata.ReadOutputAs<string>());
    }

    [Fact]
    public async Task WaitForExternalEvent_EventArrivesWithinTimeout_ReturnsPayload()
    {
        await using var host = await DurableTestHost.StartWithFakeTimeAsync(r => r
            .AddOrchestratorFunc<object?, int>("Wait", (ctx, _) => ctx.WaitForExternalEvent<int>("value", TimeSpan.FromMinutes(5))));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Wait");
        await host.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running);

        await host.Client.RaiseEventAsync(id, "value", 42);
        var metadata = await host.WaitAsync(id);

        Assert.True(metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed, metadata.FailureDetails?.ToString() + metadata.FailureDetails?.StackTrace);
        Assert.Equal(42, metadata.ReadOutputAs<int>());
    }

    [Fact]
    public async Task WaitForExternalEvent_TimeoutElapses_ThrowsTaskCanceledAndLaterEventIsIgnored()
    {
        await using var host = await DurableTestHost.StartWithFakeTimeAsync(r => r
            .AddOrchestratorFunc<object?, string>("Wait", async (ctx, _) =>
            {
                try
                {
                    return await ctx.WaitForExternalEvent<string>("value", TimeSpan.FromMinutes(5));
                }
                catch (TaskCanceledException)
                {
                    return "timed out";
                }
            }));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Wait");
        await DurableTestHost.WaitUntilAsync(
            async () => (await host.Client.GetHistoryAsync(id)).OfType<TimerCreated>().Any(), "the timeout timer is created");

        host.FakeTime.Advance(TimeSpan.FromMinutes(5));
        var metadata = await host.WaitAsync(id);

        Assert.True(metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed, metadata.FailureDetails?.ToString() + metadata.FailureDetails?.StackTrace);
        Assert.Equal("timed out", metadata.ReadOutputAs<string>());
    }
}
