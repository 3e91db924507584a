using Swarms.Durable.History;
using Swarms.Durable.Tests.Infrastructure;

namespace Swarms.Durable.Tests.Orchestration;

public sealed class RetryTests
{
    [Fact]
    public async Task CallActivityAsync_FailsTwiceWithBackoffPolicy_RetriesAfterGrowingDurableTimers()
    {
        var calls = 0;
        var policy = new RetryPolicy(maxNumberOfAttempts: 4, firstRetryInterval: TimeSpan.FromSeconds(10), backoffCoefficient: 2);
        await using var host = await DurableTestHost.StartWithFakeTimeAsync(r => r
            .AddOrchestratorFunc<object?, string>("Retry", (ctx, _) => ctx.CallActivityAsync<string>("Flaky", null, TaskOptions.FromRetryPolicy(policy)))
            .AddActivityFunc<object?, string>("Flaky", (_, _) =>
                Interlocked.Increment(ref calls) <= 2 ? throw new InvalidOperationException("transient") : "ok"));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Retry");

        var first = await WaitForTimerAsync(host, id, 1);
        Assert.Equal(TimeSpan.FromSeconds(10), first.FireAt - first.Timestamp);
        host.FakeTime.Advance(TimeSpan.FromSeconds(10));
        var second = await WaitForTimerAsync(host, id, 2);
        Assert.Equal(TimeSpan.FromSeconds(20), second.FireAt - second.Timestamp);
        host.FakeTime.Advance(TimeSpan.FromSeconds(20));
        var metadata = await host.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, metadata.RuntimeStatus);
        Assert.Equal("ok", metadata.ReadOutputAs<string>());
        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task CallActivityAsync_AttemptsExhausted_FailsWithOriginalErrorDetails()
    {
        await using var host = await DurableTestHost.StartWithFakeTimeAsync(r => r
            .AddOrchestratorFunc<object?, string>("Retry", (ctx, _) =>
                ctx.CallActivityAsync<string>("Broken", null, TaskOptions.FromRetryPolicy(new RetryPolicy(2, TimeSpan.FromSeconds(1)))))
            .AddActivityFunc<object?, string>("Broken", (_, _) => Throw(new FormatException("bad input"))));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Retry");

        await WaitForTimerAsync(host, id, 1);
        host.FakeTime.Advance(TimeSpan.FromSeconds(1));
        var metadata = await host.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, metadata.RuntimeStatus);
        Assert.Equal(typeof(TaskFailedException).FullName, metadata.FailureDetails!.ErrorType);
        Assert.True(metadata.FailureDetails.IsCausedBy<FormatException>());
        Assert.Equal("bad input", metadata.FailureDetails.InnerFailure!.ErrorMessage);
        Assert.NotNull(metadata.FailureDetails.InnerFailure.StackTrace);
    }

    [Fact]
    public async Task CallActivityAsync_PredicateRejectsFailure_DoesNotRetry()
    {
        var calls = 0;
        var policy = new RetryPolicy(5, TimeSpan.FromSeconds(1)) { HandleFailure = f => f.IsCausedBy<TimeoutException>() };
        await using var host = await DurableTestHost.StartWithFakeTimeAsync(r => r
            .AddOrchestratorFunc<object?, string>("Retry", (ctx, _) => ctx.CallActivityAsync<string>("Broken", null, TaskOptions.FromRetryPolicy(policy)))
            .AddActivityFunc<object?, string>("Broken", (_, _) =>
            {
                Interlocked.Increment(ref calls);
                return Throw(new ArgumentException("permanent"));
            }));

        var metadata = await host.RunAsync("Retry");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, metadata.RuntimeStatus);
        Assert.Equal(1, calls);
    }

    [Fact]
    public void GetDelay_BackoffBeyondMaximum_IsCapped()
    {
        var policy = new RetryPolicy(10, TimeSpan.FromSeconds(1), 3, TimeSpan.FromSeconds(20));

        Assert.Equal(TimeSpan.FromSeconds(1), policy.GetDelay(1));
        Assert.Equal(TimeSpan.FromSeconds(9), policy.GetDelay(3));
        Assert.Equal(TimeSpan.FromSeconds(20), policy.GetDelay(4));
    }

    private static string Throw(Exception exception) => throw exception;

    private static async Task<TimerCreated> WaitForTimerAsync(DurableTestHost host, string id, int count)
    {
        TimerCreated? timer = null;
        await DurableTestHost.WaitUntilAsync(
            async () =>
            {
                var timers = (await host.Client.GetHistoryAsync(id)).OfType<TimerCreated>().ToList();
                timer = timers.Count >= count ? timers[count - 1] : null;
                return timer is not null;
            },
            $"timer {count} is created");
        return timer!;
    }
}
