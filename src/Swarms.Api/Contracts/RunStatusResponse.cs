using System.Text.Json.Serialization;
using Swarms.Agents.Streaming;

namespace Swarms.Api.Contracts;

/// <summary>
/// <c>GET /api/runs/{id}</c>: a run as a person wants to see it, while it runs and after: its runtime status, each
/// agent's status, attempt, output and usage, and the final output.
/// </summary>
public sealed record RunStatusResponse
{
    /// <summary>The run id.</summary>
    [JsonPropertyName("runId")]
    public required string RunId { get; init; }

    /// <summary>The swarm's name.</summary>
    [JsonPropertyName("swarm")]
    public required string Swarm { get; init; }

    /// <summary>The orchestration's status: Pending, Running, Suspended, Completed, Failed, Terminated.</summary>
    [JsonPropertyName("runtimeStatus")]
    public required string RuntimeStatus { get; init; }

    /// <summary>How the workflow ended (<c>completed</c>, <c>failed</c>, <c>partially-failed</c>...), once it has.</summary>
    [JsonPropertyName("status")]
    public string? Status { get; init; }

    /// <summary>The current workflow loop (1-based).</summary>
    [JsonPropertyName("loop")]
    public int Loop { get; init; } = 1;

    /// <summary>Each agent, in order.</summary>
    [JsonPropertyName("agents")]
    public required IReadOnlyList<AgentRunStatus> Agents { get; init; }

    /// <summary>The final output, once the run has finished.</summary>
    [JsonPropertyName("output")]
    public string? Output { get; init; }

    /// <summary>Why the run failed, was terminated, or partly failed.</summary>
    [JsonPropertyName("error")]
    public string? Error { get; init; }

    /// <summary>Tokens used by every agent so far.</summary>
    [JsonPropertyName("usage")]
    public required TokenUsage Usage { get; init; }

    /// <summary>When the run was created.</summary>
    [JsonPropertyName("createdTime")]
    public required string CreatedTime { get; init; }

    /// <summary>When it last changed.</summary>
    [JsonPropertyName("lastUpdatedTime")]
    public required string LastUpdatedTime { get; init; }
}

/// <summary>One agent of a run.</summary>
public sealed record AgentRunStatus
{
    /// <summary>The agent's name.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary><c>pending</c>, <c>running</c>, <c>completed</c>, <c>failed</c>, <c>cancelled</c>, <c>skipped</c>, <c>waiting-for-approval</c>, <c>rejected</c>.</summary>
    [JsonPropertyName("status")]
    public required string Status { get; init; }

    /// <summary>The latest attempt of its current turn (0 before it starts; above 1 after a retry or a re-executed activity).</summary>
    [JsonPropertyName("attempt")]
    public int Attempt { get; init; }

    /// <summary>Its answer, once it completed.</summary>
    [JsonPropertyName("output")]
    public string? Output { get; init; }

    /// <summary>Its tokens, once it completed.</summary>
    [JsonPropertyName("usage")]
    public TokenUsage? Usage { get; init; }

    /// <summary>Why its model stopped (<c>stop</c>, <c>length</c>...).</summary>
    [JsonPropertyName("finishReason")]
    public string? FinishReason { get; init; }

    /// <summary>Why it failed, or a rejection's feedback.</summary>
    [JsonPropertyName("error")]
    public string? Error { get; init; }
}
