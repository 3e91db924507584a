namespace Swarms.Agents.Callbacks;

/// <summary>
/// A callback helper that holds output back (buffering, rate limiting, a file writer, a progress bar) and must
/// be told when the stream has ended so that nothing held back is lost.
/// </summary>
/// <remarks>
/// When a callback passed to <see cref="Agent.RunAsync(string, Action{string}, CancellationToken)"/> (or set in
/// <see cref="AgentOptions.StreamingCallback"/> / <see cref="AgentOptions.TokenCallback"/>) is a method of an
/// object implementing this interface (for example <c>buffered.OnToken</c>), the agent calls
/// <see cref="Flush"/> when the run ends: after the last token, before the final panel is printed, and also when
/// the run fails or is cancelled. A callback wrapped in a lambda hides its object from the agent; then call
/// <see cref="Flush"/> (or <c>Dispose</c>) yourself.
/// </remarks>
public interface IFlushableCallback
{
    /// <summary>Delivers everything held back. Safe to call more than once; a second call delivers nothing new.</summary>
    void Flush();
}
