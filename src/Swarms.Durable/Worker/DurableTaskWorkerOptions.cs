namespace Swarms.Durable.Worker;

/// <summary>Options for <see cref="DurableTaskWorker"/>.</summary>
public sealed class DurableTaskWorkerOptions
{
    /// <summary>Activities running at once. The default (100) suits I/O-bound work such as model calls.</summary>
    public int MaxConcurrentActivities { get; init; } = 100;

    /// <summary>Orchestrator episodes in progress at once (different instances; one instance never runs
    /// two). Episodes spend most of their time waiting for the group commit, so more of them means larger,
    /// cheaper commit batches.</summary>
    public int MaxConcurrentOrchestrations { get; init; } = 64;

    /// <summary>How long a lease lasts without renewal; after a crash, work resumes elsewhere after this.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the store is polled for work this process was not told about (other processes,
    /// expired leases, due timers written elsewhere).</summary>
    public TimeSpan PollingInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long shutdown waits for running activities before cancelling them.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The clock for timers, leases and timestamps; tests pass a fake one.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>This worker's lease owner id; unique per process by default.</summary>
    public string OwnerId { get; init; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
}
