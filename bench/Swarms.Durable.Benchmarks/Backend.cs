using Swarms.Durable.Hosting;
using Swarms.Testing;

namespace Swarms.Durable.Benchmarks;

/// <summary>A backend to measure, with workload sizes that finish in reasonable time on it.</summary>
internal sealed record Backend(string Name, int Instances, int RoundTrips, int FanOutRuns)
{
    public static readonly Backend Sqlite = new("sqlite", 2000, 2000, 5);
    public static readonly Backend InMemory = new("inmemory", 2000, 2000, 5);

    // Azurite is one Node process doing about 50 work items/s: smaller workloads.
    public static readonly Backend Azurite = new("azurite", 100, 100, 1);

    public static IReadOnlyList<Backend> Parse(string name) => name switch
    {
        "sqlite" => [Sqlite],
        "inmemory" => [InMemory],
        "azurite" => [Azurite],
        "all" => [Sqlite, InMemory, Azurite],
        _ => throw new ArgumentException($"Unknown backend '{name}': sqlite, inmemory, azurite or all."),
    };

    /// <summary>Prepares the backend (a fresh file, a fresh Azurite) and returns how to configure it.</summary>
    public async Task<(Action<SwarmsDurableOptions> Configure, IAsyncDisposable Cleanup)> PrepareAsync(bool fullSync)
    {
        switch (Name)
        {
            case "sqlite":
                var database = new TempDatabase("swarms-bench");
                return (o => o.UseSqlite(database.Path, s => s.FullSync = fullSync), database);
            case "inmemory":
                return (o => o.UseInMemory(), new TempDatabase());
            default:
                var azurite = await AzuriteServer.StartAsync();
                var hub = "bench" + Guid.NewGuid().ToString("N")[..8];
                return (o => o.UseAzureStorage(azurite.ConnectionString, hub, a => a.MaxQueuePollingInterval = TimeSpan.FromMilliseconds(100)), azurite);
        }
    }
}
