using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Swarms.Api.Contracts;

namespace Swarms.Api.Http;

/// <summary>Instance metadata in the Durable Functions JSON shape.</summary>
internal static class StatusPayloads
{
    public static InstanceStatusPayload From(OrchestrationMetadata metadata, bool showInput) => new()
    {
        Name = metadata.Name,
        InstanceId = metadata.InstanceId,
        RuntimeStatus = metadata.RuntimeStatus.ToString(),
        Input = showInput ? Parse(metadata.SerializedInput) : null,
        CustomStatus = Parse(metadata.SerializedCustomStatus),
        Output = Output(metadata),
        CreatedTime = Time(metadata.CreatedAt),
        LastUpdatedTime = Time(metadata.LastUpdatedAt),
    };

    /// <summary>
    /// The output as Durable Functions shows it: the result of a completed instance, the error message of a failed
    /// one (never its stack trace), the reason of a terminated one.
    /// </summary>
    public static JsonNode? Output(OrchestrationMetadata metadata) =>
        metadata.RuntimeStatus == OrchestrationRuntimeStatus.Failed && metadata.FailureDetails is { } failure
            ? JsonValue.Create(failure.ErrorMessage)
            : Parse(metadata.SerializedOutput);

    /// <summary>Stored JSON as a node; text that is not JSON as a string; null as null.</summary>
    public static JsonNode? Parse(string? serialized)
    {
        if (string.IsNullOrEmpty(serialized))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(serialized);
        }
        catch (JsonException)
        {
            return JsonValue.Create(serialized);
        }
    }

    /// <summary>Durable Functions' time format: <c>ToString("s") + "Z"</c>.</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("s", CultureInfo.InvariantCulture) + "Z";
}
