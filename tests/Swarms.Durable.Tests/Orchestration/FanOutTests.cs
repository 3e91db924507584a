using Swarms.Durable.History;
using Swarms.Durable.Tests.Infrastructure;

namespace Swarms.Durable.Tests.Orchestration;

public sealed class FanOutTests
{
    [Fact]
    public async Task WhenAll_ThousandActivities_SumsEveryResult()
    {
        await using var host = await DurableTestHost.StartAsync(r => r
            .AddOrchestratorFunc<int, long>("FanOut", async (ctx, n) =>
            {
                var tasks = Enumerable.Range(1, n).Select(i => ctx.CallActivityAsync<long>("Square", i)).ToList();
                var results = await Task.WhenAll(tasks);
                return results.Sum();
            })
            .AddActivityFunc<int, long>("Square", (_, i) => (long)i * i));

        var metadata = await host.RunAsync("FanOut", 1000);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, metadata.RuntimeStatus);
        Assert.Equal(Enumerable.Range(1, 1000).Sum(i => (long)i * i), metadata.ReadOutputAs<long>());
    }

    [Fact]
    public async Task WhenAny_TwoActivities_ReturnsFirstCompletedDeterministically()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await DurableTestHost.StartAsync(r => r
            .AddOrchestratorFunc<object?, string>("Race", async (ctx, _) =>
            {
                var slow = ctx.CallActivityAsync<string>("Slow");
                var fast = ctx.CallActivityAsync<string>("Fast");
                var winner = await Task.WhenAny(slow, fast);
                var first = await winner;
                var second = await (winner == slow ? fast : slow);
                return $"{first}+{second}";
            })
            .AddActivityFunc<object?, string>("Slow", async (_, _) =>
            {
                await gate.Task;
                return "slow";
            })
            .AddActivityFunc<object?, string>("Fast", (_, _) => "fast"));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Race");
        await DurableTestHost.WaitUntilAsync(
            async () => (await host.Client.GetHistoryAsync(id)).OfType<TaskCompleted>().Any(e => e.TaskScheduledId == 1),
            "the fast activity's result is in history");

        gate.SetResult();
        var metadata = await host.WaitAsync(id);

        Assert.True(metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed, metadata.FailureDetails?.ToString() + metadata.FailureDetails?.StackTrace);
        Assert.Equal("fast+slow", metadata.ReadOutputAs<string>());
    }
}
