using System.Text.Json.Serialization;

namespace Swarms.Orchestration;

/// <summary>
/// The custom status of a running swarm (<c>customStatus</c> of the Durable HTTP API): which agents are done, running,
/// failed, rejected or waiting for approval, and the current loop. Agents in none of the lists have not started. Updated
/// by the orchestrator as agents start and finish.
/// </summary>
public sealed record SwarmRunProgress
{
    /// <summary>The current workflow loop (1-based).</summary>
    [JsonPropertyName("loop")]
    public int Loop { get; init; } = 1;

    /// <summary>Loops the run makes at most.</summary>
    [JsonPropertyName("maxLoops")]
    public int MaxLoops { get; init; } = 1;

    /// <summary>Agents that completed (in their latest loop).</summary>
    [JsonPropertyName("completed")]
    public IReadOnlyList<string> Completed { get; init; } = [];

    /// <summary>Agents running now.</summary>
    [JsonPropertyName("running")]
    public IReadOnlyList<string> Running { get; init; } = [];

    /// <summary>Agents that failed.</summary>
    [JsonPropertyName("failed")]
    public IReadOnlyList<string> Failed { get; init; } = [];

    /// <summary>Agents a person rejected.</summary>
    [JsonPropertyName("rejected")]
    public IReadOnlyList<string> Rejected { get; init; } = [];

    /// <summary>Agents waiting for a person's approval (<c>swarms runs approve</c>, <see cref="Approvals.SwarmApprovals"/>).</summary>
    [JsonPropertyName("waitingForApproval")]
    public IReadOnlyList<string> WaitingForApproval { get; init; } = [];
}
