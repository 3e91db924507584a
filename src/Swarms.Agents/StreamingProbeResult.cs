namespace Swarms.Agents;

/// <summary>What <see cref="ModelCapabilities.ProbeStreamingAsync"/> observed.</summary>
/// <param name="Model">The model that answered, as the provider reports it.</param>
/// <param name="TextChunks">How many chunks carried answer text.</param>
/// <param name="TimeToFirstChunk">Time until the first text arrived.</param>
/// <param name="Total">Time until the stream ended.</param>
public sealed record StreamingProbeResult(string? Model, int TextChunks, TimeSpan TimeToFirstChunk, TimeSpan Total)
{
    /// <summary>True when the answer came in more than one chunk: real token-by-token streaming, not emulated.</summary>
    public bool IsIncremental => TextChunks > 1;
}
