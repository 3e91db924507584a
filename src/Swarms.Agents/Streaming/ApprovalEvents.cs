namespace Swarms.Agents.Streaming;

/// <summary>
/// A durable run waits for a person to approve <paramref name="Agent"/> before its turn in workflow loop
/// <paramref name="Loop"/>; no decision by <paramref name="ExpiresAt"/> fails the agent.
/// </summary>
public sealed record ApprovalRequested(string Agent, int Loop, DateTimeOffset ExpiresAt) : AgentEvent(Agent);

/// <summary>
/// The approval wait of <paramref name="Agent"/> ended: approved (it runs next), rejected (it is skipped, with the
/// person's <paramref name="Feedback"/>), or <paramref name="TimedOut"/> (nobody decided; the agent fails).
/// </summary>
public sealed record ApprovalDecided(string Agent, int Loop, bool Approved, string? Feedback, bool TimedOut) : AgentEvent(Agent);
