using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Swarms.Agents;
using Swarms.Agents.DependencyInjection;
using Swarms.Agents.Streaming;
using Swarms.Agents.Workflows;
using Swarms.Agents.Workflows.Definitions;
using Swarms.Durable.Hosting;
using Swarms.Orchestration;
using Swarms.Orchestration.DependencyInjection;
using Swarms.Orchestration.Publishing;
using Swarms.Testing;

namespace Swarms.Durable.Benchmarks;

/// <summary>
/// What a durable swarm run costs over the same run in process (issue 9): the local model at pacing 0 (its answers
/// cost the same both ways, so the difference is the durable machinery), the embedded SQLite backend with the run log
/// in the same file, as the CLI's <c>swarms run --durable</c> runs it. Runs alternate in-process and durable; each
/// pair gives the extra wall time, divided by the run's agent turns. The live publisher measures, for every text delta
/// it is handed, how long after the model produced it (the delta's timestamp; a coalesced delta carries its first
/// token's) it arrived: model token to sink, inside the activity.
/// </summary>
internal static class SwarmOverhead
{
    public static async Task RunAsync(int runs, bool fullSync, bool timeline, bool separateLog = false)
    {
        using var database = new TempDatabase("swarms-bench-swarm");
        using var logFile = new TempDatabase("swarms-bench-log");
        var sink = new LatencyPublisher();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Services.AddSwarmsAgents(s =>
        {
            s.Provider = "local";
            s.LocalTokensPerSecond = 0;
        });
        builder.Services.AddSwarmsOrchestration(o => o.UseSqliteRunLog(separateLog ? logFile.Path : database.Path)).AddPublisher(sink);
        builder.Services.AddSwarmsDurable(o => o.UseSqlite(database.Path, s => s.FullSync = fullSync)).AddTasks(r => r.AddSwarmOrchestrations());
        using var host = builder.Build();
        await host.StartAsync();
        var client = host.Services.GetRequiredService<DurableTaskClient>();
        var agents = host.Services.GetRequiredService<AgentFactory>();

        Console.WriteLine($"Durable swarm run overhead: {runs} pairs per scenario, SQLite synchronous={(fullSync ? "FULL" : "NORMAL")}, local model at pacing 0, run log in {(separateLog ? "a file of its own" : "the store's file")}");
        var rows = new List<string>();
        foreach (var (label, definition) in new[] { ("3 sequential agents", Swarm(WorkflowKind.Sequential, 3)), ("10 concurrent agents", Swarm(WorkflowKind.Concurrent, 10)) })
        {
            var workflow = definition.CreateWorkflow(a => agents.Create(a), o => o.ShowDashboard = false);
            for (int i = 0; i < 20; i++)
            {
                await InProcessAsync(workflow);
                await DurableAsync(client, definition);
            }

            if (timeline)
            {
                await TimelinesAsync(host.Services, client, definition);
            }

            sink.Clear();
            var inProcess = new List<double>();
            var durable = new List<double>();
            var extraPerTurn = new List<double>();
            for (int i = 0; i < runs; i++)
            {
                double d, p;
                if (i % 2 == 0)
                {
                    p = await InProcessAsync(workflow);
                    d = await DurableAsync(client, definition);
                }
                else
                {
                    d = await DurableAsync(client, definition);
                    p = await InProcessAsync(workflow);
                }

                inProcess.Add(p);
                durable.Add(d);
                extraPerTurn.Add((d - p) / definition.Agents.Count);
            }

            var tokens = sink.Latencies();
            Console.WriteLine(
                $"  {label}: in process p50 {P(inProcess, 0.5):F2} ms, durable p50 {P(durable, 0.5):F2} ms p99 {P(durable, 0.99):F2} ms; " +
                $"extra per agent turn p50 {P(extraPerTurn, 0.5):F2} ms, p99 {P(extraPerTurn, 0.99):F2} ms; " +
                $"token -> sink ({tokens.Count} deltas) p50 {P(tokens, 0.5):F2} ms, p99 {P(tokens, 0.99):F2} ms, max {tokens.Max():F2} ms");
            rows.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {label} | {P(inProcess, 0.5):F2} | {P(durable, 0.5):F2} | {P(extraPerTurn, 0.5):F2} | {P(extraPerTurn, 0.99):F2} | {P(tokens, 0.5):F2} | {P(tokens, 0.99):F2} |"));
        }

        await host.StopAsync();
        Console.WriteLine();
        Console.WriteLine("| swarm | in process p50 (ms) | durable p50 (ms) | extra per agent turn p50 (ms) | p99 (ms) | token → sink p50 (ms) | p99 (ms) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        rows.ForEach(Console.WriteLine);
    }

    /// <summary>Where a durable run's time goes: three runs, each logged event's time since the run was scheduled.</summary>
    private static async Task TimelinesAsync(IServiceProvider services, DurableTaskClient client, SwarmDefinition definition)
    {
        var log = services.GetRequiredService<Swarms.Orchestration.RunLog.IRunLog>();
        for (int i = 0; i < 3; i++)
        {
            var scheduled = DateTimeOffset.UtcNow;
            var id = await client.ScheduleNewOrchestrationInstanceAsync(SwarmRunOrchestrator.Name, SwarmRunRequest.Create(definition, "Analyze TSLA"));
            await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true);
            var seen = DateTimeOffset.UtcNow;
            Console.WriteLine($"  run {id}: {(seen - scheduled).TotalMilliseconds:F1} ms from scheduling to the client seeing it complete");
            foreach (var evt in (await log.ReadAsync(id, 0, 10_000)).Where(e => e is not TextDelta))
            {
                Console.WriteLine($"    {(evt.Timestamp - scheduled).TotalMilliseconds,8:F1} ms  {evt.GetType().Name} {(evt as AgentEvent)?.Agent}");
            }
        }
    }

    private static SwarmDefinition Swarm(WorkflowKind kind, int count) =>
        new($"bench-{kind.ToString().ToLowerInvariant()}", kind,
            [.. Enumerable.Range(1, count).Select(i => new AgentDefinition($"Analyst-{i}", $"You are analyst {i}. Weigh the evidence."))]);

    private static async Task<double> InProcessAsync(AgentWorkflow workflow)
    {
        long start = Stopwatch.GetTimestamp();
        var result = await workflow.RunAsync("Analyze TSLA");
        var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        return result.Status == WorkflowStatus.Completed ? elapsed : throw new InvalidOperationException($"in-process run {result.Status}: {result.Error}");
    }

    private static async Task<double> DurableAsync(DurableTaskClient client, SwarmDefinition definition)
    {
        long start = Stopwatch.GetTimestamp();
        var id = await client.ScheduleNewOrchestrationInstanceAsync(SwarmRunOrchestrator.Name, SwarmRunRequest.Create(definition, "Analyze TSLA"));
        var done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true);
        var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        return done.ReadOutputAs<SwarmRunResult>() is { Status: WorkflowStatus.Completed }
            ? elapsed
            : throw new InvalidOperationException($"durable run {done.RuntimeStatus}: {done.FailureDetails?.ErrorMessage}");
    }

    private static double P(List<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }

    /// <summary>The live sink: when each text delta arrives, against when the model produced it.</summary>
    private sealed class LatencyPublisher : IRunEventPublisher
    {
        private ConcurrentBag<double> _latencies = [];

        public List<double> Latencies() => [.. _latencies];

        public void Clear() => _latencies = [];

        public ValueTask PublishAsync(string runId, IReadOnlyList<SwarmEvent> events, CancellationToken cancellationToken)
        {
            var now = DateTimeOffset.UtcNow;
            foreach (var evt in events)
            {
                if (evt is TextDelta delta)
                {
                    _latencies.Add((now - delta.Timestamp).TotalMilliseconds);
                }
            }

            return default;
        }
    }
}
