using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Swarms.Api.Contracts;

/// <summary>
/// <c>GET /runtime/webhooks/durabletask/instances/{id}</c>: an instance's status in the Durable Functions shape
/// (times as <c>yyyy-MM-ddTHH:mm:ssZ</c>; input, custom status and output as the JSON they were stored as).
/// </summary>
public sealed record InstanceStatusPayload
{
    /// <summary>The orchestrator's name (<c>SwarmRun</c>).</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>The instance (run) id.</summary>
    [JsonPropertyName("instanceId")]
    public required string InstanceId { get; init; }

    /// <summary>Pending, Running, Suspended, Completed, Failed, Terminated.</summary>
    [JsonPropertyName("runtimeStatus")]
    public required string RuntimeStatus { get; init; }

    /// <summary>The input (null when <c>showInput=false</c>).</summary>
    [JsonPropertyName("input")]
    public JsonNode? Input { get; init; }

    /// <summary>The custom status the orchestrator last set.</summary>
    [JsonPropertyName("customStatus")]
    public JsonNode? CustomStatus { get; init; }

    /// <summary>The output; for a failed instance, its error message; for a terminated one, the reason.</summary>
    [JsonPropertyName("output")]
    public JsonNode? Output { get; init; }

    /// <summary>When it was created.</summary>
    [JsonPropertyName("createdTime")]
    public required string CreatedTime { get; init; }

    /// <summary>When it last changed.</summary>
    [JsonPropertyName("lastUpdatedTime")]
    public required string LastUpdatedTime { get; init; }
}
