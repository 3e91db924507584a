namespace Swarms.Durable;

/// <summary>
/// The runtime status of an orchestration instance. The numeric values are persisted by stores; never
/// renumber them.
/// </summary>
public enum OrchestrationRuntimeStatus
{
    /// <summary>Scheduled, but no episode has run yet.</summary>
    Pending = 0,

    /// <summary>Started and not finished; it may be waiting for activities, timers or events.</summary>
    Running = 1,

    /// <summary>The orchestrator returned; the output is available.</summary>
    Completed = 2,

    /// <summary>The orchestrator threw, or the engine failed it (non-determinism, foreign await).</summary>
    Failed = 3,

    /// <summary>Stopped by a client with a reason.</summary>
    Terminated = 4,

    /// <summary>Paused by a client; events other than resume and terminate wait until it resumes.</summary>
    Suspended = 5,
}

/// <summary>Helpers over <see cref="OrchestrationRuntimeStatus"/>.</summary>
public static class OrchestrationRuntimeStatusExtensions
{
    /// <summary>Whether the status is final: Completed, Failed or Terminated.</summary>
    /// <param name="status">The status to test.</param>
    /// <returns><see langword="true"/> when nothing more will run for the instance.</returns>
    public static bool IsTerminal(this OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;
}
