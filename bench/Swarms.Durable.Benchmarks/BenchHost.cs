using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Swarms.Durable.Hosting;

namespace Swarms.Durable.Benchmarks;

/// <summary>One worker (the real SDK on DurableTask.Core's TaskHubWorker) and a client over one backend, with the
/// benchmark's orchestrations registered.</summary>
internal sealed class BenchHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly IAsyncDisposable _cleanup;

    private BenchHost(IHost host, IAsyncDisposable cleanup)
    {
        _host = host;
        _cleanup = cleanup;
    }

    /// <summary>Round-trip samples in milliseconds, recorded by the "Chain" orchestrator.</summary>
    public static ConcurrentBag<double> Samples { get; } = [];

    public DurableTaskClient Client => _host.Services.GetRequiredService<DurableTaskClient>();

    public static async Task<BenchHost> StartAsync(Backend backend, bool fullSync)
    {
        var (configure, cleanup) = await backend.PrepareAsync(fullSync);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSwarmsDurable(configure).AddTasks(Register);
        var host = builder.Build();
        await host.StartAsync();
        return new BenchHost(host, cleanup);
    }

    public async Task<OrchestrationMetadata> RunAsync(string name, object? input)
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(name, input);
        return await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await _cleanup.DisposeAsync();
    }

    private static void Register(DurableTaskRegistry r) => r
        .AddOrchestratorFunc<int, int>("FiveSequential", async (ctx, input) =>
        {
            var sum = input;
            for (var i = 0; i < 5; i++)
            {
                sum += await ctx.CallActivityAsync<int>("Noop", i);
            }

            return sum;
        })
        .AddOrchestratorFunc<int, int>("Chain", async (ctx, n) =>
        {
            for (var i = 0; i < n; i++)
            {
                var start = ctx.IsReplaying ? 0 : Stopwatch.GetTimestamp();
                await ctx.CallActivityAsync<int>("Noop", i);
                if (start != 0 && !ctx.IsReplaying)
                {
                    Samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
            }

            return n;
        })
        .AddOrchestratorFunc<int, long>("FanOut", async (ctx, n) =>
            (await Task.WhenAll(Enumerable.Range(0, n).Select(i => ctx.CallActivityAsync<long>("Noop", i)))).Sum())
        .AddActivityFunc<int, int>("Noop", (_, i) => i);
}
