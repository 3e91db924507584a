namespace Swarms.Durable.Sqlite;

/// <summary>Options of <see cref="SqliteOrchestrationService"/>, the embedded backend.</summary>
public sealed class SqliteOrchestrationServiceOptions
{
    /// <summary>
    /// The database file, created when missing; every worker and client sharing the state opens the same file
    /// (processes on one machine; SQLite files on network shares are not safe). <see langword="null"/> keeps the
    /// state in memory, in this process only, and loses it on dispose: for tests.
    /// </summary>
    public string? Path { get; set; }

    /// <summary>
    /// Flush the WAL to disk on every commit (<c>synchronous=FULL</c>, the default), so a committed episode survives
    /// power loss. <see langword="false"/> uses <c>synchronous=NORMAL</c>: commits survive a process crash but the
    /// last ones may be lost on power loss.
    /// </summary>
    public bool FullSync { get; set; } = true;

    /// <summary>How many writes are grouped into one transaction at most (group commit).</summary>
    public int MaxWriteBatch { get; set; } = 512;

    /// <summary>
    /// How long an instance or activity lock lasts without renewal. A worker renews its locks while it lives;
    /// when it dies, another worker takes its work once the locks expire, so this is also the recovery time
    /// after a crash. Default 30 seconds.
    /// </summary>
    public TimeSpan LockDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often the database is polled for work this process was not told about: instances created or messages
    /// sent by other processes, expired locks. Work made in this process is handed over at once. Default 200 ms.
    /// </summary>
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// How long an orchestration stays loaded in memory (an extended session: no history reload, no replay)
    /// waiting for its next message before its lock is released. Default 10 seconds; <see cref="TimeSpan.Zero"/>
    /// disables extended sessions.
    /// </summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Orchestration work items processed at once by one worker (sessions count). Default 1,000.</summary>
    public int MaxConcurrentOrchestrations { get; set; } = 1000;

    /// <summary>Activities run at once by one worker. Default 100 (agent turns wait on I/O, not on the CPU).</summary>
    public int MaxConcurrentActivities { get; set; } = 100;

    /// <summary>
    /// When set, this service works only on these instances (their orchestration episodes and their activities); work
    /// of other instances in the same file is left to other workers. Null (the default): every instance. For a process
    /// dedicated to chosen runs, such as the CLI's <c>swarms run --durable</c> and <c>swarms runs resume</c>, so that a
    /// run stopped earlier in the same file is not continued behind the user's back. The client side is not affected.
    /// </summary>
    public IReadOnlyCollection<string>? Instances { get; set; }

    /// <summary>The <see cref="Instances"/> filter as a JSON array for <c>json_each</c>, or null for every instance.</summary>
    internal string? InstancesJson => Instances is null ? null : System.Text.Json.JsonSerializer.Serialize(Instances);

    internal SqliteOrchestrationServiceOptions Clone() => (SqliteOrchestrationServiceOptions)MemberwiseClone();

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxWriteBatch, 1, nameof(MaxWriteBatch));
        ArgumentOutOfRangeException.ThrowIfLessThan(LockDuration, TimeSpan.FromSeconds(1), nameof(LockDuration));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(PollingInterval, TimeSpan.Zero, nameof(PollingInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(SessionIdleTimeout, TimeSpan.Zero, nameof(SessionIdleTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrentOrchestrations, 1, nameof(MaxConcurrentOrchestrations));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrentActivities, 1, nameof(MaxConcurrentActivities));
        if (Path is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(Path, nameof(Path));
        }
    }
}
