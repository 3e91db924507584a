using System.Text.Json;
using Azure.Data.Tables;
using Swarms.Agents.Workflows.Definitions;
using Swarms.Orchestration.RunLog;
using Swarms.Testing;

namespace Swarms.Orchestration.Tests.Processes;

/// <summary>
/// Durable swarm runs in worker processes (tests/Swarms.Orchestration.Tests/RunnerHost) on one backend, and the run log
/// read from the test process.
/// </summary>
internal sealed class RunnerProcesses : IDisposable
{
    private readonly string[] _backendArgs;
    private readonly List<ChildProcess> _processes = [];
    private readonly string _directory = Directory.CreateTempSubdirectory("swarms-runner-").FullName;

    private RunnerProcesses(string[] backendArgs, IRunLog log)
    {
        _backendArgs = backendArgs;
        Log = log;
    }

    public IRunLog Log { get; }

    /// <summary>The file the worker processes' test tools append a line to per execution (see RunnerHost).</summary>
    public string ToolLog => Path.Combine(_directory, "tool-executions.log");

    /// <summary>Executions of the test tools so far, one line each ("place_order widget").</summary>
    public IReadOnlyList<string> ToolExecutions => File.Exists(ToolLog) ? File.ReadAllLines(ToolLog) : [];

    public static RunnerProcesses OnSqlite(string path) => new(["sqlite", path], new SqliteRunLog(path));

    public static RunnerProcesses OnAzureStorage(string connectionString, string hub) =>
        new(["azure", connectionString, hub], new TableRunLog(new TableClient(connectionString, TableRunLog.DefaultTableName)));

    /// <summary>Starts a process that schedules run <paramref name="runId"/> of <paramref name="definition"/> and runs it.</summary>
    public async Task<ChildProcess> StartAsync(Uri model, string runId, SwarmDefinition definition, string task)
    {
        var file = Path.Combine(_directory, $"{runId}.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(ToFile(definition)));
        var process = Start([.. _backendArgs, model.ToString(), "start", runId, file, task]);
        await process.WaitForLineAsync(l => l == $"started {runId}", "the run is scheduled");
        return process;
    }

    /// <summary>Starts a process that only runs the worker until run <paramref name="runId"/> completes.</summary>
    public ChildProcess Resume(Uri model, string runId) => Start([.. _backendArgs, model.ToString(), "resume", runId]);

    /// <summary>The result the process printed when the run completed.</summary>
    public static async Task<SwarmRunResult> ResultAsync(ChildProcess process)
    {
        int code = await process.WaitForExitAsync();
        var line = process.Lines.LastOrDefault(l => l.StartsWith("completed ", StringComparison.Ordinal));
        Assert.True(code == 0 && line is not null, $"the run did not complete (exit {code}): {line}\n{process.Errors}");
        return JsonSerializer.Deserialize<SwarmRunResult>(line!["completed Completed ".Length..])!;
    }

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            process.Dispose();
        }

        (Log as IDisposable)?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private ChildProcess Start(IEnumerable<string> args)
    {
        var process = ChildProcess.StartDotnet(
            RepoPaths.Output("tests/Swarms.Orchestration.Tests/RunnerHost", "Swarms.Orchestration.RunnerHost.dll"), args,
            new Dictionary<string, string> { ["SWARMS_TEST_TOOL_LOG"] = ToolLog });
        _processes.Add(process);
        return process;
    }

    /// <summary>The definition in the file format <see cref="SwarmDefinitionLoader"/> reads.</summary>
    private static Dictionary<string, object?> ToFile(SwarmDefinition d) => new()
    {
        ["name"] = d.Name,
        ["kind"] = d.Kind.ToString().ToLowerInvariant(),
        ["maxLoops"] = d.MaxLoops,
        ["maxConcurrency"] = d.MaxConcurrency,
        ["agents"] = d.Agents.Select(a => new Dictionary<string, object?>
        {
            ["name"] = a.Name, ["systemPrompt"] = a.SystemPrompt, ["tools"] = a.Tools,
            ["options"] = new Dictionary<string, object?> { ["retryAttempts"] = a.RetryAttempts, ["maxToolIterations"] = a.MaxToolIterations },
        }).ToList(),
    };
}
