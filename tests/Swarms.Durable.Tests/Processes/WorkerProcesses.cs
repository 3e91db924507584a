using DurableTask.Core;
using Microsoft.DurableTask.Client;
using Swarms.Durable.Client;
using Swarms.Durable.Sqlite;
using Swarms.Testing;

namespace Swarms.Durable.Tests.Processes;

/// <summary>
/// Worker processes (tests/Swarms.Durable.Tests/WorkerHost) on one backend, a client in the test process, and the
/// executions the workers record in a file.
/// </summary>
internal sealed class WorkerProcesses : IAsyncDisposable
{
    private readonly List<ChildProcess> _workers = [];
    private readonly string[] _backendArgs;
    private readonly IDisposable? _service;

    private WorkerProcesses(string[] backendArgs, DurableTaskClient client, IDisposable? service)
    {
        _backendArgs = backendArgs;
        Client = client;
        _service = service;
        Directory.CreateDirectory(SideEffects);
    }

    public string SideEffects { get; } = Path.Combine(Path.GetTempPath(), $"swarms-workers-{Guid.NewGuid():N}");

    public DurableTaskClient Client { get; }

    public IReadOnlyList<ChildProcess> Workers => _workers;

    /// <summary>Workers on a SQLite file; the client opens the same file (not started: it only schedules and reads).</summary>
    public static WorkerProcesses OnSqlite(string path)
    {
        var service = new SqliteOrchestrationService(new SqliteOrchestrationServiceOptions { Path = path, PollingInterval = TimeSpan.FromMilliseconds(50) });
        return new WorkerProcesses(["sqlite", path], new SwarmsDurableTaskClient("test", service), service);
    }

    /// <summary>Workers on an Azure Storage task hub.</summary>
    public static WorkerProcesses OnAzureStorage(string connectionString, string hub)
    {
        var service = new DurableTask.AzureStorage.AzureStorageOrchestrationService(new DurableTask.AzureStorage.AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new DurableTask.AzureStorage.StorageAccountClientProvider(connectionString),
            TaskHubName = hub,
            PartitionCount = 4,
        });
        return new WorkerProcesses(["azure", connectionString, hub], new SwarmsDurableTaskClient("test", service), service);
    }

    /// <summary>Starts a worker and waits until it polls for work.</summary>
    public async Task<ChildProcess> StartWorkerAsync(params string[] options)
    {
        var worker = ChildProcess.StartDotnet(
            RepoPaths.Output("tests/Swarms.Durable.Tests/WorkerHost", "Swarms.Durable.WorkerHost.dll"),
            [.. _backendArgs, SideEffects, .. options]);
        _workers.Add(worker);
        await worker.WaitForLineAsync(line => line == "ready", "the worker is ready");
        return worker;
    }

    public async Task<List<string>> ScheduleAsync(int count, string prefix)
    {
        var ids = Enumerable.Range(0, count).Select(i => $"{prefix}{i}").ToList();
        foreach (var id in ids)
        {
            await Client.ScheduleNewOrchestrationInstanceAsync("FiveSteps", null, new Microsoft.DurableTask.StartOrchestrationOptions { InstanceId = id });
        }

        return ids;
    }

    public async Task<OrchestrationMetadata> WaitAsync(string instanceId)
    {
        using var guard = new CancellationTokenSource(Wait.HangGuard);
        try
        {
            return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, guard.Token);
        }
        catch (OperationCanceledException ex)
        {
            var logs = string.Join("\n", _workers.Select(w => $"worker {w.Id}: {Tail(w.Errors)}"));
            throw new TimeoutException($"{instanceId} did not finish. {logs}", ex);
        }
    }

    /// <summary>The recorded executions: (process id, instance, what) per line.</summary>
    public List<(int Pid, string Instance, string What)> Executions()
    {
        return Directory.GetFiles(SideEffects, "executions-*.log")
            .SelectMany(File.ReadAllLines)
            .Select(l => l.Split(' '))
            .Select(p => (int.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture), p[1], p[2]))
            .ToList();
    }

    /// <summary>How many times each step of an instance ran.</summary>
    public int Runs(string instance, int step) => Executions().Count(e => e.Instance == instance && e.What == $"step{step}");

    public bool Blocked(string instance) => File.Exists(Path.Combine(SideEffects, $"{instance}.blocked"));

    private static string Tail(string text) => text.Length > 4000 ? text[^4000..] : text;

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in _workers)
        {
            worker.Dispose();
        }

        await Client.DisposeAsync();
        _service?.Dispose();
        Directory.Delete(SideEffects, recursive: true);
    }
}
