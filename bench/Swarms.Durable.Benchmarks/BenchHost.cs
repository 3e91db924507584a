using Swarms.Durable.Client;
using Swarms.Durable.Storage;
using Swarms.Durable.Worker;

namespace Swarms.Durable.Benchmarks;

/// <summary>A store on a fresh temp SQLite file with a worker and a client; deletes the file on dispose.</summary>
internal sealed class BenchHost : IAsyncDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"swarms-durable-bench-{Guid.NewGuid():N}.db");

    public BenchHost(DurableTaskRegistry registry, bool fullSync)
    {
        Store = new SqliteOrchestrationStore(new SqliteOrchestrationStoreOptions { Path = _path, FullSync = fullSync });
        Worker = new DurableTaskWorker(Store, registry);
        Client = new DurableTaskClient(Store);
    }

    public SqliteOrchestrationStore Store { get; }

    public DurableTaskWorker Worker { get; }

    public DurableTaskClient Client { get; }

    public async ValueTask DisposeAsync()
    {
        await Worker.DisposeAsync();
        Client.Dispose();
        await Store.DisposeAsync();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(_path + suffix);
        }
    }
}
