using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Swarms.Durable.Hosting;
using Swarms.Testing;

namespace Swarms.Durable.Tests.Sqlite;

/// <summary>
/// A 35-second activity under a 10-second lock, with a second worker on the same file ready to take any lock that
/// expires: the first worker keeps renewing, so the activity runs once. The suite's one long test.
/// </summary>
public sealed class LockRenewalIntegrationTests
{
    private static int _executions;

    [Fact]
    public async Task LongActivity_LongerThanItsLock_IsRenewedAndRunsOnce()
    {
        using var database = new TempDatabase("swarms-renewal");
        using var first = await StartAsync(database.Path);
        using var second = await StartAsync(database.Path);
        var client = first.Services.GetRequiredService<DurableTaskClient>();

        var id = await client.ScheduleNewOrchestrationInstanceAsync("Long");
        using var guard = new CancellationTokenSource(Wait.HangGuard);
        var result = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, guard.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("slept 35 s", result.ReadOutputAs<string>());
        Assert.Equal(1, Volatile.Read(ref _executions));
        await first.StopAsync();
        await second.StopAsync();
    }

    private static async Task<IHost> StartAsync(string path)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSwarmsDurable(o => o.UseSqlite(path, s =>
            {
                s.LockDuration = TimeSpan.FromSeconds(10);
                s.PollingInterval = TimeSpan.FromMilliseconds(100);
            }))
            .AddTasks(r => r
                .AddOrchestratorFunc<object?, string>("Long", (ctx, _) => ctx.CallActivityAsync<string>("Sleep35"))
                .AddActivityFunc<object?, string>("Sleep35", async (_, _) =>
                {
                    Interlocked.Increment(ref _executions);
                    await Task.Delay(TimeSpan.FromSeconds(35));
                    return "slept 35 s";
                }));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
