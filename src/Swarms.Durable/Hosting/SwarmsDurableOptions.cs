using Microsoft.Extensions.Logging;
using Swarms.Durable.AzureStorage;
using Swarms.Durable.Sqlite;

namespace Swarms.Durable.Hosting;

/// <summary>
/// Chooses the backend the worker and the client run on, and how the worker shuts down. One of
/// <see cref="UseSqlite"/> (the embedded default), <see cref="UseAzureStorage"/> or <see cref="UseInMemory"/>.
/// </summary>
public sealed class SwarmsDurableOptions
{
    internal Func<ILoggerFactory, DurableBackend>? BackendFactory { get; private set; }

    /// <summary>
    /// How long stopping the worker waits for in-flight work items (default 5 seconds). Orchestration episodes take
    /// milliseconds; an activity still running after this is left to the next worker (it runs again: activities
    /// run at least once).
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Run on the embedded SQLite backend, in one file shared by every process that opens it.</summary>
    /// <param name="path">The database file; created when missing.</param>
    /// <param name="configure">Lock duration, polling, concurrency, durability.</param>
    /// <returns>These options.</returns>
    public SwarmsDurableOptions UseSqlite(string path, Action<SqliteOrchestrationServiceOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var options = new SqliteOrchestrationServiceOptions { Path = path };
        configure?.Invoke(options);
        options.Path = path;
        BackendFactory = loggers => new SqliteBackend(options, loggers);
        return this;
    }

    /// <summary>
    /// Run in memory, in this process only (the SQLite backend on an in-memory database: the same semantics, no
    /// file, nothing kept). For tests.
    /// </summary>
    /// <param name="configure">Lock duration, polling, concurrency.</param>
    /// <returns>These options.</returns>
    public SwarmsDurableOptions UseInMemory(Action<SqliteOrchestrationServiceOptions>? configure = null)
    {
        var options = new SqliteOrchestrationServiceOptions();
        configure?.Invoke(options);
        options.Path = null;
        BackendFactory = loggers => new SqliteBackend(options, loggers);
        return this;
    }

    /// <summary>
    /// Run on Azure Storage (DurableTask.AzureStorage), the Azure Functions default: every worker with the same
    /// connection and task hub shares the work, which is how to scale past one machine.
    /// </summary>
    /// <param name="connectionString">The storage connection string; <c>UseDevelopmentStorage=true</c> for Azurite.</param>
    /// <param name="taskHubName">The task hub.</param>
    /// <param name="configure">Partitions, visibility timeouts, leases, polling, concurrency.</param>
    /// <returns>These options.</returns>
    public SwarmsDurableOptions UseAzureStorage(string connectionString, string taskHubName, Action<AzureStorageBackendOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(taskHubName);
        var options = new AzureStorageBackendOptions { ConnectionString = connectionString, TaskHubName = taskHubName };
        configure?.Invoke(options);
        BackendFactory = loggers => new AzureStorageBackend(options.Clone(), loggers);
        return this;
    }
}
