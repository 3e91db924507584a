// Usage: Swarms.Orchestration.RunnerHost <sqlite PATH | azure CONNECTION HUB> <model base URL> start RUNID DEFINITION.json TASK
//        Swarms.Orchestration.RunnerHost <sqlite PATH | azure CONNECTION HUB> <model base URL> resume RUNID
// A local durable host as the CLI and the app build one: the real Durable Task worker (Swarms.Durable) on a SQLite file
// (run log in the same file) or an Azure Storage task hub (run log in the SwarmRunEvents table of the same account), the
// swarm orchestrator and activities, agents on the real OpenAI client against the given Chat Completions server. "start"
// schedules a run and waits for it; "resume" only runs the worker until the run completes (a run a killed process left).
// Prints "ready" once the worker polls, then "completed <SwarmRunResult JSON>" and exits 0. Short locks and visibility
// timeouts (3 s), so a killed process's work is taken over quickly.
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Swarms.Agents.DependencyInjection;
using Swarms.Agents.Workflows.Definitions;
using Swarms.Durable.Hosting;
using Swarms.Orchestration;
using Swarms.Orchestration.DependencyInjection;

var backend = args[0];
var (target, hub, next) = backend == "azure" ? (args[1], args[2], 3) : (args[1], "", 2);
var modelUrl = new Uri(args[next]);
var command = args[next + 1];
var runId = args[next + 2];
var lockTime = TimeSpan.FromSeconds(3);

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
builder.Logging.AddConsole(c => c.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSwarmsAgents(s =>
{
    s.Provider = "openai";
    s.Endpoint = modelUrl;
    s.ApiKey = "test-key";
    s.Model = "gpt-fake-1";
}).AddTools(r =>
{
    // The durable tool tests' tools: each execution appends a line to the file SWARMS_TEST_TOOL_LOG names, so the test
    // counts executions across processes. The "slow_" tools block on their first execution (the test kills the process
    // while they run) and return at once on a later one.
    if (Environment.GetEnvironmentVariable("SWARMS_TEST_TOOL_LOG") is not { Length: > 0 } toolLog)
    {
        return;
    }

    async Task<string> Record(string tool, string item, bool blockFirst, CancellationToken cancellationToken)
    {
        bool first = !File.Exists(toolLog) || !File.ReadLines(toolLog).Any(l => l.StartsWith(tool + " ", StringComparison.Ordinal));
        File.AppendAllLines(toolLog, [$"{tool} {item}"]);
        if (blockFirst && first)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        return $"{tool} done for {item}";
    }

    r.Add("place_order", (string item, CancellationToken ct) => Record("place_order", item, false, ct), "Places an order (not safe to repeat).");
    r.Add("slow_order", (string item, CancellationToken ct) => Record("slow_order", item, true, ct), "Places an order slowly (not safe to repeat).");
    r.Add("slow_lookup", (string item, CancellationToken ct) => Record("slow_lookup", item, true, ct), "Looks an item up slowly (safe to repeat).", safeToRepeat: true);
});
builder.Services.AddSwarmsOrchestration(o =>
{
    if (backend == "azure")
    {
        o.UseTableRunLog(target);
    }
    else
    {
        o.UseSqliteRunLog(target);
    }
});
builder.Services.AddSwarmsDurable(o =>
{
    if (backend == "azure")
    {
        o.UseAzureStorage(target, hub, a =>
        {
            a.PartitionCount = 2;
            a.ControlQueueVisibilityTimeout = lockTime;
            a.WorkItemQueueVisibilityTimeout = lockTime;
            a.LeaseInterval = lockTime;
            a.LeaseRenewInterval = TimeSpan.FromSeconds(1);
            a.LeaseAcquireInterval = TimeSpan.FromSeconds(1);
            a.MaxQueuePollingInterval = TimeSpan.FromMilliseconds(200);
        });
    }
    else
    {
        o.UseSqlite(target, s =>
        {
            s.LockDuration = lockTime;
            s.PollingInterval = TimeSpan.FromMilliseconds(50);
        });
    }
}).AddTasks(r => r.AddSwarmOrchestrations());

using var host = builder.Build();
await host.StartAsync();
Console.WriteLine("ready");
var client = host.Services.GetRequiredService<DurableTaskClient>();
if (command == "start")
{
    var definition = SwarmDefinitionLoader.Load(args[next + 3]);
    await client.ScheduleNewOrchestrationInstanceAsync(
        SwarmRunOrchestrator.Name, SwarmRunRequest.Create(definition, args[next + 4]), new StartOrchestrationOptions { InstanceId = runId });
    Console.WriteLine($"started {runId}");
}

var done = await client.WaitForInstanceCompletionAsync(runId, getInputsAndOutputs: true);
Console.WriteLine($"completed {done.RuntimeStatus} {done.SerializedOutput}");
await host.StopAsync();
return done.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? 0 : 1;
