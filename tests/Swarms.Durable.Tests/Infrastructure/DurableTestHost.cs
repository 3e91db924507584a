using Microsoft.Extensions.Time.Testing;
using Swarms.Durable.Client;
using Swarms.Durable.Storage;
using Swarms.Durable.Worker;

namespace Swarms.Durable.Tests.Infrastructure;

/// <summary>A store on a temp SQLite file, a worker and a client; the files are deleted on dispose.</summary>
internal sealed class DurableTestHost : IAsyncDisposable
{
    public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    private DurableTestHost(string path, SqliteOrchestrationStore store, DurableTaskWorker worker, DurableTaskClient client, TimeProvider time)
    {
        DatabasePath = path;
        Store = store;
        Worker = worker;
        Client = client;
        Time = time;
    }

    public string DatabasePath { get; }

    public SqliteOrchestrationStore Store { get; }

    public DurableTaskWorker Worker { get; }

    public DurableTaskClient Client { get; }

    public TimeProvider Time { get; }

    public FakeTimeProvider FakeTime => (FakeTimeProvider)Time;

    public static async Task<DurableTestHost> StartAsync(Action<DurableTaskRegistry> register, TimeProvider? time = null, string? path = null)
    {
        path ??= NewDatabasePath();
        time ??= TimeProvider.System;
        var registry = new DurableTaskRegistry();
        register(registry);
        var store = new SqliteOrchestrationStore(new SqliteOrchestrationStoreOptions { Path = path });
        var worker = new DurableTaskWorker(store, registry, new DurableTaskWorkerOptions
        {
            TimeProvider = time,
            PollingInterval = TimeSpan.FromMilliseconds(50),
            LeaseDuration = TimeSpan.FromSeconds(30),
            ShutdownTimeout = TimeSpan.FromSeconds(2),
        });
        var client = new DurableTaskClient(store, time);
        await worker.StartAsync();
        return new DurableTestHost(path, store, worker, client, time);
    }

    public static Task<DurableTestHost> StartWithFakeTimeAsync(Action<DurableTaskRegistry> register) =>
        StartAsync(register, new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));

    public static string NewDatabasePath() => Path.Combine(Path.GetTempPath(), $"swarms-durable-{Guid.NewGuid():N}.db");

    public static void DeleteDatabase(string path)
    {
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }
    }

    public async Task<OrchestrationMetadata> RunAsync(string name, object? input = null, string? instanceId = null)
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(name, input, new StartOrchestrationOptions(instanceId));
        return await WaitAsync(id);
    }

    public async Task<OrchestrationMetadata> WaitAsync(string instanceId)
    {
        using var cts = new CancellationTokenSource(HangGuard);
        return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, cts.Token);
    }

    /// <summary>Polls a condition (hang-guarded); for states that have no completion signal.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + HangGuard;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting until {what}.");
            }

            await Task.Delay(10);
        }
    }

    public Task WaitForStatusAsync(string instanceId, OrchestrationRuntimeStatus status) =>
        WaitUntilAsync(async () => (await Client.GetInstanceAsync(instanceId))?.RuntimeStatus == status, $"{instanceId} is {status}");

    public async ValueTask DisposeAsync()
    {
        await Worker.DisposeAsync();
        Client.Dispose();
        await Store.DisposeAsync();
        DeleteDatabase(DatabasePath);
    }
}
