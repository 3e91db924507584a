using Spectre.Console;

namespace Swarms.Agents.Callbacks;

/// <summary>
/// Ready-made callbacks for the patterns of the swarms "Streaming Responses" guide, in one place to discover
/// them. Each returns a helper whose <c>OnToken</c> method is the callback to pass to
/// <see cref="Agent.RunAsync(string, Action{string}, CancellationToken)"/>; helpers that hold text back are
/// flushed by the agent when the run ends (see <see cref="IFlushableCallback"/>).
/// </summary>
/// <example>
/// <code>
/// using var buffered = StreamingCallbacks.Buffered(chunk => socket.Send(chunk), minChunkSize: 100);
/// var answer = await agent.RunAsync("Analyze TSLA", buffered.OnToken);
/// </code>
/// </example>
public static class StreamingCallbacks
{
    /// <summary>Coalesces tokens into chunks of at least <paramref name="minChunkSize"/> characters.</summary>
    public static BufferedCallback Buffered(Action<string> onChunk, int minChunkSize = 64) => new(onChunk, minChunkSize);

    /// <summary>Calls <paramref name="onText"/> at most once per <paramref name="minInterval"/>, coalescing tokens in between.</summary>
    public static RateLimitedCallback RateLimited(Action<string> onText, TimeSpan minInterval) => new(onText, minInterval);

    /// <summary>Writes each token to <paramref name="path"/> on a timestamped line. Dispose it to close the file.</summary>
    public static FileStreamLogger ToFile(string path, bool append = false) => new(path, append);

    /// <summary>
    /// A progress bar of tokens received against <paramref name="expectedTokens"/>, or against the agent's
    /// <see cref="AgentOptions.MaxTokens"/> when that is set.
    /// </summary>
    public static ProgressBarCallback ProgressBar(Agent agent, double expectedTokens = 400, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return new ProgressBarCallback(agent.Options.MaxTokens ?? expectedTokens, description ?? $"{agent.Name} generating");
    }

    /// <summary>A live panel with your title, border and colour.</summary>
    public static LivePanelCallback LivePanel(string title, BoxBorder? border = null, Color? borderColor = null)
    {
        ArgumentNullException.ThrowIfNull(title);
        return new LivePanelCallback
        {
            Title = title,
            Border = border ?? BoxBorder.Rounded,
            BorderColor = borderColor ?? Color.Blue,
        };
    }
}
