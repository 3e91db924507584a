namespace Swarms.Durable.Storage;

/// <summary>Options for <see cref="SqliteOrchestrationStore"/>.</summary>
public sealed class SqliteOrchestrationStoreOptions
{
    /// <summary>The database file; created when missing. Every engine sharing the state uses the same file.</summary>
    public required string Path { get; init; }

    /// <summary>
    /// Flush the WAL to disk on every commit (<c>synchronous=FULL</c>, the default), so a committed
    /// checkpoint survives power loss. <see langword="false"/> uses <c>synchronous=NORMAL</c>: commits
    /// survive a process crash but the last ones may be lost on power loss.
    /// </summary>
    public bool FullSync { get; init; } = true;

    /// <summary>How many writes are grouped into one transaction at most (group commit).</summary>
    public int MaxWriteBatch { get; init; } = 512;
}
