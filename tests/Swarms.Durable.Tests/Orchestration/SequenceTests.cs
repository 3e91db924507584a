using Swarms.Durable.History;
using Swarms.Durable.Tests.Infrastructure;

namespace Swarms.Durable.Tests.Orchestration;

public sealed class SequenceTests
{
    [Fact]
    public async Task CallActivityAsync_FiveSequentialActivities_ReturnsResultsInOrder()
    {
        var replays = 0;
        await using var host = await DurableTestHost.StartAsync(r => r
            .AddOrchestratorFunc<string, string>("Seq", async (ctx, input) =>
            {
                if (ctx.IsReplaying)
                {
                    Interlocked.Increment(ref replays);
                }

                var result = input;
                for (var i = 1; i <= 5; i++)
                {
                    result = await ctx.CallActivityAsync<string>("Append", $"{result}-{i}");
                }

                return result;
            })
            .AddActivityFunc<string, string>("Append", (_, s) => s + "!"));

        var metadata = await host.RunAsync("Seq", "x");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, metadata.RuntimeStatus);
        Assert.Equal("x-1!-2!-3!-4!-5!", metadata.ReadOutputAs<string>());
        Assert.True(replays >= 5, "each episode after the first replays from the start");
        var history = await host.Client.GetHistoryAsync(metadata.InstanceId);
        var scheduled = history.OfType<TaskScheduled>().ToList();
        Assert.Equal([0, 1, 2, 3, 4], scheduled.Select(e => e.TaskId));
        Assert.Equal([0, 1, 2, 3, 4], history.OfType<TaskCompleted>().Select(e => e.TaskScheduledId));
        Assert.IsType<ExecutionStarted>(history[1]);
        Assert.IsType<ExecutionCompleted>(history[^1]);
    }
}
