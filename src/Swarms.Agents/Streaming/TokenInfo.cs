namespace Swarms.Agents.Streaming;

/// <summary>
/// One streamed chunk as the detailed callback sees it (the seed's <c>stream=True</c> shape).
/// A completed run ends with one closing chunk, <see cref="IsLast"/> set, that really carries
/// <see cref="FinishReason"/> and <see cref="Usage"/>; a run of several loops has one closing chunk, not one per loop.
/// </summary>
public sealed record TokenInfo
{
    /// <summary>The chunk's text (empty on the closing chunk).</summary>
    public required string Content { get; init; }

    /// <summary>0-based index of the chunk within the model call.</summary>
    public required int Index { get; init; }

    /// <summary>The agent that produced the chunk.</summary>
    public required string AgentName { get; init; }

    /// <summary>The model that produced the chunk, as the provider reports it.</summary>
    public string? Model { get; init; }

    /// <summary>Attempt number of the model call (above 1 after a retry).</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>Why the model's last call stopped (<c>stop</c>, <c>length</c>, <c>tool_calls</c>...), on the closing chunk.</summary>
    public string? FinishReason { get; init; }

    /// <summary>Token usage of the whole run (every loop's model call summed), on the closing chunk.</summary>
    public TokenUsage? Usage { get; init; }

    /// <summary>True on the closing chunk, sent once when the run completes.</summary>
    public bool IsLast { get; init; }

    /// <summary>
    /// True on a reset chunk (empty content): the model call is being made again after a failure that came after
    /// some text, so the text received since the last reset is not part of the answer; discard it. The next chunks
    /// carry the new <see cref="Attempt"/> and count <see cref="Index"/> from 0.
    /// </summary>
    public bool IsReset { get; init; }

    /// <summary>When the chunk arrived.</summary>
    public DateTimeOffset Timestamp { get; init; }
}
