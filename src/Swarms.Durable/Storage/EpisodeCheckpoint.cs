using Swarms.Durable.History;

namespace Swarms.Durable.Storage;

/// <summary>
/// Everything one orchestrator episode produced, written by the store in one transaction: after it
/// commits, the engine may acknowledge the consumed messages and hand out the new work; before it
/// commits, nothing of the episode is visible, so a crash replays the episode from the same messages.
/// </summary>
public sealed record EpisodeCheckpoint
{
    /// <summary>The instance.</summary>
    public required string InstanceId { get; init; }

    /// <summary>The lease owner that ran the episode; the commit fails if it no longer holds the lease.</summary>
    public required string Owner { get; init; }

    /// <summary>The time of the episode (UTC).</summary>
    public required DateTime Now { get; init; }

    /// <summary>The messages consumed (deleted).</summary>
    public IReadOnlyList<long> ConsumedMessageIds { get; init; } = [];

    /// <summary>
    /// Activities of this worker whose results the episode consumed straight from memory; their work
    /// items are deleted here, so a crash before this commit re-runs them (at least once), never loses them.
    /// </summary>
    public IReadOnlyList<long> CompletedActivityIds { get; init; } = [];

    /// <summary>Delete the existing history first (continue-as-new).</summary>
    public bool ResetHistory { get; init; }

    /// <summary>The position of the first appended event in the history.</summary>
    public int HistoryStartIndex { get; init; }

    /// <summary>Events appended to the history.</summary>
    public IReadOnlyList<HistoryEvent> AppendHistory { get; init; } = [];

    /// <summary>The new status.</summary>
    public OrchestrationRuntimeStatus Status { get; init; }

    /// <summary>A new input (continue-as-new), or null to keep the current one.</summary>
    public string? NewInput { get; init; }

    /// <summary>The serialized output.</summary>
    public string? Output { get; init; }

    /// <summary>The serialized custom status.</summary>
    public string? CustomStatus { get; init; }

    /// <summary>The failure, when failed.</summary>
    public TaskFailureDetails? Failure { get; init; }

    /// <summary>Release the instance's lease (the instance finished).</summary>
    public bool ReleaseLease { get; init; }

    /// <summary>Activities to schedule; created already leased by <see cref="Owner"/>.</summary>
    public IReadOnlyList<TaskScheduled> Activities { get; init; } = [];

    /// <summary>Sub-orchestrations to create.</summary>
    public IReadOnlyList<NewSubOrchestration> SubOrchestrations { get; init; } = [];

    /// <summary>Messages to other instances or delayed messages to this one.</summary>
    public IReadOnlyList<OutboundMessage> Messages { get; init; } = [];

    /// <summary>How long the activity leases last.</summary>
    public DateTime LeaseUntil { get; init; }
}
