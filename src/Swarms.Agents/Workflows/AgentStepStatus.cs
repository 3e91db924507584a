using System.Text.Json.Serialization;

namespace Swarms.Agents.Workflows;

/// <summary>Where an agent of a workflow stands. Written in JSON by name (durable runs store it), read by name or number.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AgentStepStatus>))]
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

    /// <summary>Waiting for a person to approve it (a durable run, an agent defined with <c>"approval": true</c>).</summary>
    WaitingForApproval,

    /// <summary>
    /// Not run because a person rejected it; the result's error holds the feedback. Not a failure: a sequential
    /// workflow hands the next agent what the last completed agent produced, a concurrent one finishes without it.
    /// </summary>
    Rejected,
}
