namespace Swarms.Agents.Callbacks;

/// <summary>
/// Ready-made callbacks for the patterns of the swarms "Streaming Responses" guide, in one place to discover
/// them. Each returns a helper that is a sink: pass it to <see cref="Agent.RunAsync(string, Streaming.ISwarmEventSink, CancellationToken)"/>
/// and the agent flushes it when the run ends and tells it when a model call is made again, so it ends with exactly
/// the final answer. The console helpers (live panel, progress bar) are in the <c>Swarms.Console</c> package
/// (<c>ConsoleCallbacks</c>).
/// </summary>
/// <example>
/// <code>
/// var buffered = StreamingCallbacks.Buffered(chunk => socket.Send(chunk), minChunkSize: 100);
/// var answer = await agent.RunAsync("Analyze TSLA", buffered);
/// </code>
/// </example>
public static class StreamingCallbacks
{
    /// <summary>Coalesces tokens into chunks of at least <paramref name="minChunkSize"/> characters.</summary>
    public static BufferedCallback Buffered(Action<string> onChunk, int minChunkSize = 64, Action? onReset = null) => new(onChunk, minChunkSize, onReset);

    /// <summary>Calls <paramref name="onText"/> at most once per <paramref name="minInterval"/>, coalescing tokens in between.</summary>
    public static RateLimitedCallback RateLimited(Action<string> onText, TimeSpan minInterval, Action? onReset = null) => new(onText, minInterval, null, onReset);

    /// <summary>Writes each token to <paramref name="path"/> on a timestamped line. Dispose it to close the file.</summary>
    public static FileStreamLogger ToFile(string path, bool append = false) => new(path, append);
}
