using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Swarms.Orchestration.Publishing;
using Swarms.Orchestration.RunLog;

namespace Swarms.Orchestration.DependencyInjection;

/// <summary>
/// What <c>AddSwarmsOrchestration</c> needs: where the run log is (one of <see cref="UseSqliteRunLog"/>,
/// <see cref="UseTableRunLog(string, string)"/>, <see cref="UseTableRunLog(IConfiguration, string, string)"/>,
/// <see cref="UseRunLog"/>) and how agent turns batch their events.
/// </summary>
public sealed class SwarmsOrchestrationOptions
{
    /// <summary>Default <see cref="CoalescingWindow"/>: 50 ms, as DESIGN.md §6 and the SignalR send rate ask.</summary>
    public static readonly TimeSpan DefaultCoalescingWindow = TimeSpan.FromMilliseconds(50);

    /// <summary>Default <see cref="CoalescingMaxChars"/>: 4 KB of text.</summary>
    public const int DefaultCoalescingMaxChars = 4096;

    internal Func<IServiceProvider, IRunLog>? RunLogFactory { get; private set; }

    /// <summary>
    /// Longest a text delta waits for more text before it is logged and published (default 50 ms): a run of 10,000
    /// tokens becomes a few hundred logged deltas, and live clients get a message per window, not per token.
    /// </summary>
    public TimeSpan CoalescingWindow { get; set; } = DefaultCoalescingWindow;

    /// <summary>Text (characters) that is flushed without waiting for the window (default 4,096).</summary>
    public int CoalescingMaxChars { get; set; } = DefaultCoalescingMaxChars;

    /// <summary>Events an agent's stream may run ahead of the log before it waits (default 10,000).</summary>
    public int CoalescingCapacity { get; set; } = 10_000;

    /// <summary>The embedded run log, a table in the SQLite file <paramref name="path"/> (the durable store's own file, or another).</summary>
    public SwarmsOrchestrationOptions UseSqliteRunLog(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        RunLogFactory = _ => new SqliteRunLog(path);
        return this;
    }

    /// <summary>The run log on Azure Table Storage, reached with a connection string (<c>UseDevelopmentStorage=true</c> for Azurite).</summary>
    public SwarmsOrchestrationOptions UseTableRunLog(string connectionString, string tableName = TableRunLog.DefaultTableName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(tableName);
        RunLogFactory = _ => new TableRunLog(new TableClient(connectionString, tableName));
        return this;
    }

    /// <summary>The run log on Azure Table Storage, reached with an identity (no key).</summary>
    public SwarmsOrchestrationOptions UseTableRunLog(Uri tableServiceUri, TokenCredential credential, string tableName = TableRunLog.DefaultTableName)
    {
        ArgumentNullException.ThrowIfNull(tableServiceUri);
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentException.ThrowIfNullOrWhiteSpace(tableName);
        RunLogFactory = _ => new TableRunLog(new TableClient(tableServiceUri, tableName, credential));
        return this;
    }

    /// <summary>
    /// The run log on Azure Table Storage, reached as the Functions host reaches its storage: the connection
    /// <paramref name="connectionName"/> (default <c>AzureWebJobsStorage</c>) as a connection string, or identity-based
    /// (<c>AzureWebJobsStorage__accountName</c> or <c>__tableServiceUri</c>, <c>__credential=managedidentity</c>,
    /// <c>__clientId</c>), as infra/app-settings.json sets it on Azure.
    /// </summary>
    /// <exception cref="InvalidOperationException">The connection is not configured.</exception>
    public SwarmsOrchestrationOptions UseTableRunLog(IConfiguration configuration, string connectionName = "AzureWebJobsStorage", string tableName = TableRunLog.DefaultTableName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionName);
        var connection = StorageConnection.FromConfiguration(configuration, connectionName);
        RunLogFactory = _ => new TableRunLog(connection.CreateTableClient(tableName));
        return this;
    }

    /// <summary>A run log of your own.</summary>
    public SwarmsOrchestrationOptions UseRunLog(Func<IServiceProvider, IRunLog> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        RunLogFactory = factory;
        return this;
    }

    internal CoalescingOptions Coalescing() => new(CoalescingWindow, CoalescingMaxChars, CoalescingCapacity);

    internal void Validate()
    {
        if (RunLogFactory is null)
        {
            throw new InvalidOperationException("Choose a run log: UseSqliteRunLog(path), UseTableRunLog(...) or UseRunLog(factory).");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(CoalescingWindow, TimeSpan.Zero, nameof(CoalescingWindow));
        ArgumentOutOfRangeException.ThrowIfLessThan(CoalescingMaxChars, 1, nameof(CoalescingMaxChars));
        ArgumentOutOfRangeException.ThrowIfLessThan(CoalescingCapacity, 1, nameof(CoalescingCapacity));
    }
}
