// Usage: Swarms.Durable.WorkerHost <sqlite PATH | azure CONNECTION HUB> <side-effect directory> [--block STEP] [--lock SECONDS]
//        [--max-orchestrations N] [--step-delay MS]
// Runs a Durable Task worker with the "FiveSteps" orchestration until killed. Every activity execution appends
// "<pid> <instance> step<N>" to <dir>/executions-<pid>.log and every first (not replayed) orchestration episode appends
// "<pid> <instance> orchestration", so the tests count real executions, not recorded ones. With --block STEP that
// step never finishes in this process (the test kills it there). Prints "ready" once the worker polls for work.
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Swarms.Durable.Hosting;

var backend = args[0];
var (target, hub, next) = backend == "azure" ? (args[1], args[2], 3) : (args[1], "", 2);
var directory = args[next];
var options = args.Skip(next + 1).Chunk(2).ToDictionary(p => p[0], p => p[1]);
var block = options.TryGetValue("--block", out var b) ? int.Parse(b, System.Globalization.CultureInfo.InvariantCulture) : 0;
var lockSeconds = options.TryGetValue("--lock", out var l) ? double.Parse(l, System.Globalization.CultureInfo.InvariantCulture) : 3;
var maxOrchestrations = options.TryGetValue("--max-orchestrations", out var m) ? int.Parse(m, System.Globalization.CultureInfo.InvariantCulture) : 100;
var stepDelay = options.TryGetValue("--step-delay", out var d) ? int.Parse(d, System.Globalization.CultureInfo.InvariantCulture) : 0;
var pid = Environment.ProcessId;
// One file per process: appends of two processes to one file can overwrite each other (.NET seeks to the end, it
// does not open with O_APPEND).
var log = Path.Combine(directory, $"executions-{pid}.log");
var gate = new object();

void Record(string line)
{
    lock (gate)
    {
        File.AppendAllText(log, $"{pid} {line}\n");
    }
}

var builder = Host.CreateApplicationBuilder();
builder.Logging.ClearProviders();
// Warnings and errors go to standard error, which the tests show when something hangs.
builder.Logging.AddConsole(c => c.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSwarmsDurable(o =>
    {
        if (backend == "azure")
        {
            o.UseAzureStorage(target, hub, a =>
            {
                a.PartitionCount = 4;
                a.ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(lockSeconds);
                a.WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(lockSeconds);
                a.LeaseInterval = TimeSpan.FromSeconds(lockSeconds);
                a.LeaseRenewInterval = TimeSpan.FromSeconds(Math.Max(1, lockSeconds / 3));
                a.LeaseAcquireInterval = TimeSpan.FromSeconds(1);
                a.MaxQueuePollingInterval = TimeSpan.FromMilliseconds(200);
                a.MaxConcurrentOrchestrations = maxOrchestrations;
            });
        }
        else
        {
            o.UseSqlite(target, s =>
            {
                s.LockDuration = TimeSpan.FromSeconds(lockSeconds);
                s.PollingInterval = TimeSpan.FromMilliseconds(50);
                s.MaxConcurrentOrchestrations = maxOrchestrations;
            });
        }
    })
    .AddTasks(r => r
        .AddOrchestratorFunc<object?, string>("FiveSteps", async (ctx, _) =>
        {
            if (!ctx.IsReplaying)
            {
                Record($"{ctx.InstanceId} orchestration");
            }

            var results = new List<string>();
            for (var i = 1; i <= 5; i++)
            {
                results.Add(await ctx.CallActivityAsync<string>("Step", new StepInput(ctx.InstanceId, i)));
            }

            return string.Join(",", results);
        })
        .AddActivityFunc<StepInput, string>("Step", async (context, input) =>
        {
            Record($"{input!.InstanceId} step{input.Step}");
            if (input.Step == block)
            {
                File.WriteAllText(Path.Combine(directory, $"{input.InstanceId}.blocked"), "");
                await Task.Delay(Timeout.Infinite);
            }

            if (stepDelay > 0)
            {
                await Task.Delay(stepDelay);
            }

            return $"r{input.Step}";
        }));

using var host = builder.Build();
await host.StartAsync();
Console.WriteLine("ready");
await host.WaitForShutdownAsync();
return 0;

internal sealed record StepInput(string InstanceId, int Step);
