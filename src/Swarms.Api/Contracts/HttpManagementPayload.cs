using System.Text.Json.Serialization;

namespace Swarms.Api.Contracts;

/// <summary>
/// The Durable Functions check-status payload a start returns with 202 (and <c>Location</c> = <see cref="StatusQueryGetUri"/>):
/// the URLs of the instance in the Durable HTTP management API.
/// </summary>
public sealed record HttpManagementPayload
{
    /// <summary>The instance (run) id.</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>GET: the instance's status.</summary>
    [JsonPropertyName("statusQueryGetUri")]
    public required string StatusQueryGetUri { get; init; }

    /// <summary>POST: raise an event (replace <c>{eventName}</c>).</summary>
    [JsonPropertyName("sendEventPostUri")]
    public required string SendEventPostUri { get; init; }

    /// <summary>POST: terminate (replace <c>{text}</c> with a reason).</summary>
    [JsonPropertyName("terminatePostUri")]
    public required string TerminatePostUri { get; init; }

    /// <summary>DELETE: purge the instance's history.</summary>
    [JsonPropertyName("purgeHistoryDeleteUri")]
    public required string PurgeHistoryDeleteUri { get; init; }

    /// <summary>POST: suspend.</summary>
    [JsonPropertyName("suspendPostUri")]
    public required string SuspendPostUri { get; init; }

    /// <summary>POST: resume.</summary>
    [JsonPropertyName("resumePostUri")]
    public required string ResumePostUri { get; init; }
}
