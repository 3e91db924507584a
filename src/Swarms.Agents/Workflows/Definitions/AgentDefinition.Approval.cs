namespace Swarms.Agents.Workflows.Definitions;

public sealed partial record AgentDefinition
{
    /// <summary>How long a durable run waits for a person to approve an agent that sets no timeout: one day.</summary>
    public static readonly TimeSpan DefaultApprovalTimeout = TimeSpan.FromDays(1);

    /// <summary>
    /// Human in the loop (<c>"approval": true</c>): a durable run waits, before each turn of this agent, until a
    /// person approves or rejects it (<c>swarms runs approve</c>, or the client API). Approved: the agent runs.
    /// Rejected: it does not run, its status is <see cref="AgentStepStatus.Rejected"/> with the feedback recorded, and
    /// the run goes on without it (a sequential run hands the next agent what the last completed agent produced). No
    /// decision within <see cref="ApprovalTimeout"/>: the agent fails (nobody decided, so nothing it gates runs). An
    /// in-process run cannot wait for a person: it refuses a swarm with such agents.
    /// </summary>
    public bool Approval { get; init; }

    /// <summary>How long to wait for the approval (<c>"approvalTimeout": "00:30:00"</c>); null: <see cref="DefaultApprovalTimeout"/>.</summary>
    public TimeSpan? ApprovalTimeout { get; init; }
}
