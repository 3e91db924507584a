using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Swarms.Durable.Hosting;
using Swarms.Testing;

namespace Swarms.Durable.Tests.Hosting;

/// <summary>
/// A short-lived process (the CLI's `swarms run --durable`, `swarms runs resume`) starts a worker, stops it while an
/// activity runs, and the next process on the same file finishes the run without waiting for a lock to expire.
/// </summary>
public sealed class ShutdownTests : IDisposable
{
    private readonly TempDatabase _database = new("swarms-shutdown");
    private readonly TaskCompletionSource _activityStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _runs;

    [Fact]
    public async Task Stop_WhileAnActivityRuns_ReleasesItsLocksAndTheNextProcessFinishesAtOnce()
    {
        string id;
        using (var first = await StartAsync(blockFirstRun: true))
        {
            id = await first.Services.GetRequiredService<DurableTaskClient>().ScheduleNewOrchestrationInstanceAsync("Run", "task");
            await _activityStarted.Task.WaitAsync(Wait.HangGuard);
            await first.StopAsync();
        }

        // An hour-long lock: only a released lock lets the next worker in before the hang guard.
        using var second = await StartAsync(blockFirstRun: false);
        using var guard = new CancellationTokenSource(Wait.HangGuard);
        var result = await second.Services.GetRequiredService<DurableTaskClient>().WaitForInstanceCompletionAsync(id, true, guard.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("done: task", result.ReadOutputAs<string>());
        Assert.Equal(2, Volatile.Read(ref _runs));
        await second.StopAsync();
    }

    [Fact]
    public async Task Stop_IdleWorker_ReturnsPromptly()
    {
        using var host = await StartAsync(blockFirstRun: false);
        var client = host.Services.GetRequiredService<DurableTaskClient>();
        using var guard = new CancellationTokenSource(Wait.HangGuard);
        var done = await client.WaitForInstanceCompletionAsync(await client.ScheduleNewOrchestrationInstanceAsync("Run", "quick"), true, guard.Token);

        var stopping = host.StopAsync();
        var finished = await Task.WhenAny(stopping, Task.Delay(TimeSpan.FromSeconds(30)));

        Assert.Equal("done: quick", done.ReadOutputAs<string>());
        Assert.Same(stopping, finished);
    }

    public void Dispose() => _database.Dispose();

    private async Task<IHost> StartAsync(bool blockFirstRun)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSwarmsDurable(o =>
            {
                o.UseSqlite(_database.Path, s => s.LockDuration = TimeSpan.FromHours(1));
                o.ShutdownTimeout = TimeSpan.FromMilliseconds(200);
            })
            .AddTasks(r => r
                .AddOrchestratorFunc<string, string>("Run", (ctx, input) => ctx.CallActivityAsync<string>("Work", input))
                .AddActivityFunc<string, string>("Work", async (_, input) =>
                {
                    Interlocked.Increment(ref _runs);
                    if (blockFirstRun)
                    {
                        _activityStarted.TrySetResult();
                        await Task.Delay(Timeout.Infinite);
                    }

                    return "done: " + input;
                }));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
