using System.Text.Json.Serialization;

namespace Swarms.Agents.Workflows;

/// <summary>How a workflow run ended. Written in JSON by name (durable runs store it), read by name or number.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WorkflowStatus>))]
public enum WorkflowStatus
{
    /// <summary>Every agent completed.</summary>
    Completed,

    /// <summary>Some agents failed, others completed; the output is built from those that completed.</summary>
    PartiallyCompleted,

    /// <summary>The run produced no usable output (a sequential agent failed, every agent failed, or the rest were cancelled).</summary>
    Failed,
}
