using System.Text;
using Swarms.Agents.Streaming;

namespace Swarms.Agents.Callbacks;

/// <summary>
/// Calls the receiver at most once per <see cref="MinInterval"/>: use it when the receiver cannot take a call per
/// token (a chat message edit, a push notification, a rate-limited API). Tokens that arrive in between are
/// coalesced and delivered with the next call, never dropped; <see cref="Flush"/> delivers what is left.
/// </summary>
/// <remarks>
/// Delivery happens on the caller's thread when a token arrives, so text held back waits for the next token
/// after the interval (or the flush at the end of the run); no timer thread calls the receiver.
/// Pass the helper itself as the run's sink (<c>agent.RunAsync(task, limited)</c>) and the agent flushes at the end
/// of the run and handles restarts (held-back text dropped, <c>onReset</c> told to discard the text of the call made
/// again); as a plain callback (<c>limited.OnToken</c>), call <see cref="Flush"/> or dispose it after the run. Thread-safe.
/// </remarks>
public sealed class RateLimitedCallback : TextSink, IDisposable
{
    private readonly Action<string> _onText;
    private readonly Action? _onReset;
    private readonly TimeProvider _time;
    private readonly StringBuilder _pending = new();
    private readonly Lock _gate = new();
    private long _lastCall;
    private bool _called;

    /// <summary>Creates the limiter.</summary>
    /// <param name="onText">Receives the text gathered since its previous call.</param>
    /// <param name="minInterval">Least time between two calls of <paramref name="onText"/> (zero or more).</param>
    /// <param name="timeProvider">The clock; tests pass a fake one.</param>
    /// <param name="onReset">Told to discard the text of the current model call, when it is made again after a failure.</param>
    public RateLimitedCallback(Action<string> onText, TimeSpan minInterval, TimeProvider? timeProvider = null, Action? onReset = null)
    {
        ArgumentNullException.ThrowIfNull(onText);
        ArgumentOutOfRangeException.ThrowIfLessThan(minInterval, TimeSpan.Zero);
        _onText = onText;
        _onReset = onReset;
        MinInterval = minInterval;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Least time between two calls of the receiver.</summary>
    public TimeSpan MinInterval { get; }

    /// <summary>How many times the receiver has been called.</summary>
    public int Calls { get; private set; }

    /// <summary>The streaming callback: delivers the gathered text when the interval has passed, else holds it.</summary>
    public void OnToken(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        lock (_gate)
        {
            _pending.Append(token);
            long now = _time.GetTimestamp();
            if (!_called || _time.GetElapsedTime(_lastCall, now) >= MinInterval)
            {
                Deliver(now);
            }
        }
    }

    /// <summary>Delivers the text held back, if any, whatever the interval.</summary>
    public override void Flush()
    {
        lock (_gate)
        {
            if (_pending.Length > 0)
            {
                Deliver(_time.GetTimestamp());
            }
        }
    }

    /// <summary>Flushes what is held back.</summary>
    public void Dispose() => Flush();

    /// <inheritdoc />
    protected override void OnText(string text) => OnToken(text);

    /// <inheritdoc />
    protected override void OnReset(AgentStarted retry)
    {
        lock (_gate)
        {
            _pending.Clear();
        }

        _onReset?.Invoke();
    }

    private void Deliver(long now)
    {
        var text = _pending.ToString();
        _pending.Clear();
        _lastCall = now;
        _called = true;
        Calls++;
        _onText(text);
    }
}
