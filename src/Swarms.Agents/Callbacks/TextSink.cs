using Swarms.Agents.Streaming;

namespace Swarms.Agents.Callbacks;

/// <summary>
/// Base of the ready-made text helpers: a sink that sees an agent's answer text as it streams and honours the reset
/// rule. Derive from it to build your own: <see cref="OnText"/> per delta, <see cref="OnReset"/> when the model call is
/// made again after a failure that came after some text (discard what came since <see cref="OnCallStarted"/>), and
/// <see cref="Flush"/> when the stream ends, however it ends.
/// </summary>
public abstract class TextSink : ISwarmEventSink
{
    private int _textOfCall;

    /// <inheritdoc />
    public virtual ValueTask OnEventAsync(SwarmEvent evt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evt);
        switch (evt)
        {
            case TextDelta delta:
                _textOfCall += delta.Delta.Length;
                OnText(delta.Delta);
                break;
            case AgentStarted { Attempt: > 1 } retry when _textOfCall > 0:
                _textOfCall = 0;
                OnReset(retry);
                OnCallStarted(retry);
                break;
            case AgentStarted started:
                _textOfCall = 0;
                OnCallStarted(started);
                break;
        }

        return default;
    }

    /// <inheritdoc />
    public ValueTask OnCompletedAsync(Exception? failure, CancellationToken cancellationToken)
    {
        Flush();
        return default;
    }

    /// <summary>Delivers everything held back. Safe to call more than once.</summary>
    public abstract void Flush();

    /// <summary>Receives a piece of answer text.</summary>
    protected abstract void OnText(string text);

    /// <summary>A model call (a loop or an attempt) begins.</summary>
    protected virtual void OnCallStarted(AgentStarted started)
    {
    }

    /// <summary>The text received since the last <see cref="OnCallStarted"/> is void: <paramref name="retry"/> starts the answer again.</summary>
    protected abstract void OnReset(AgentStarted retry);
}
