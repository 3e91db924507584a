namespace Swarms.Agents.Workflows;

/// <summary>Where an agent of a workflow stands.</summary>
public enum AgentStepStatus
{
    /// <summary>Not started yet.</summary>
    Pending,

    /// <summary>Running now.</summary>
    Running,

    /// <summary>Finished with an answer.</summary>
    Completed,

    /// <summary>Failed; the result's error says why.</summary>
    Failed,

    /// <summary>Stopped or never started because another agent failed and the workflow cancels the rest.</summary>
    Cancelled,

    /// <summary>Never started because an earlier agent of a sequential workflow failed.</summary>
    Skipped,
}
