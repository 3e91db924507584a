using System.Text.Json.Serialization;

namespace Swarms.Api.Queue;

/// <summary>
/// What the app puts in <c>swarm-tasks-poison</c> for a message it cannot run: the reason (the field at fault and
/// what is wrong), the delivery, and the original text, so the message can be fixed and sent again.
/// </summary>
public sealed record PoisonMessage
{
    /// <summary>Why it cannot run, e.g. <c>$.task: is required</c>.</summary>
    [JsonPropertyName("reason")]
    public required string Reason { get; init; }

    /// <summary>The field at fault (<c>message</c> when the text is not JSON; <c>error</c> for a failure that outlived its retries).</summary>
    [JsonPropertyName("field")]
    public required string Field { get; init; }

    /// <summary>The original queue message id.</summary>
    [JsonPropertyName("messageId")]
    public required string MessageId { get; init; }

    /// <summary>How many times it was delivered.</summary>
    [JsonPropertyName("dequeueCount")]
    public required long DequeueCount { get; init; }

    /// <summary>When it was put here.</summary>
    [JsonPropertyName("poisonedAt")]
    public required DateTimeOffset PoisonedAt { get; init; }

    /// <summary>The original message text, unchanged.</summary>
    [JsonPropertyName("message")]
    public required string Message { get; init; }
}
