using Microsoft.Extensions.Logging;
using Swarms.Agents.Callbacks;

namespace Swarms.Agents.Streaming;

/// <summary>
/// Feeds one run's events to the user's callbacks: the plain token callback and the detailed
/// <see cref="TokenInfo"/> callback. A callback that throws is logged once and isolated: the stream goes on to
/// every other sink (including the other members of a multicast delegate) and the model is never called again
/// because of it. Callbacks whose target is an <see cref="IFlushableCallback"/> are flushed when the run ends.
/// </summary>
internal sealed class CallbackDispatcher
{
    private readonly string _agent;
    private readonly Sink<string>[] _text;
    private readonly Sink<TokenInfo>[] _detailed;
    private readonly List<(IFlushableCallback Target, Func<bool> Faulted, Action MarkFaulted)> _flushables = [];
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly string? _model;
    private int _index;

    public CallbackDispatcher(string agent, string? model, Action<string>? text, Action<TokenInfo>? detailed, ILogger logger, TimeProvider time)
    {
        _agent = agent;
        _model = model;
        _text = Split(text);
        _detailed = Split(detailed);
        _logger = logger;
        _time = time;
        AddFlushables(_text);
        AddFlushables(_detailed);
    }

    public void OnEvent(SwarmEvent evt)
    {
        switch (evt)
        {
            case TextDelta delta:
                foreach (var sink in _text)
                {
                    Invoke(sink, delta.Delta);
                }

                if (_detailed.Length > 0)
                {
                    var info = new TokenInfo
                    {
                        Content = delta.Delta, Index = _index++, AgentName = _agent, Model = _model,
                        Attempt = delta.Attempt, Timestamp = delta.Timestamp,
                    };
                    foreach (var sink in _detailed)
                    {
                        Invoke(sink, info);
                    }
                }

                break;
            case AgentStarted:
                // Each loop and each retry is a new model call; TokenInfo.Index counts within one call.
                _index = 0;
                break;
            case AgentCompleted completed:
                if (_detailed.Length > 0)
                {
                    var last = new TokenInfo
                    {
                        Content = "", Index = _index++, AgentName = _agent, Model = completed.Model, Attempt = completed.Attempt,
                        FinishReason = completed.FinishReason, Usage = completed.Usage, IsLast = true, Timestamp = _time.GetUtcNow(),
                    };
                    foreach (var sink in _detailed)
                    {
                        Invoke(sink, last);
                    }
                }

                // Before the final panel is printed, so a buffered tail shows up before the run's summary.
                Complete();
                break;
        }
    }

    /// <summary>
    /// Flushes the callbacks that hold text back. Called when the run completes, and again (a no-op then) when it
    /// fails or is cancelled, so a buffered tail is never lost.
    /// </summary>
    public void Complete()
    {
        foreach (var (target, faulted, markFaulted) in _flushables)
        {
            try
            {
                target.Flush();
            }
#pragma warning disable CA1031 // A user's callback may throw anything; it must not end the run.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                if (!faulted())
                {
                    markFaulted();
                    Log.CallbackFailed(_logger, _agent, ex);
                }
            }
        }
    }

    private void Invoke<T>(Sink<T> sink, T value)
    {
        try
        {
            sink.Callback(value);
        }
#pragma warning disable CA1031 // A user's callback may throw anything; it must not end the run.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            if (!sink.Faulted)
            {
                sink.Faulted = true;
                Log.CallbackFailed(_logger, _agent, ex);
            }
        }
    }

    private void AddFlushables<T>(Sink<T>[] sinks)
    {
        foreach (var sink in sinks)
        {
            if (sink.Callback.Target is IFlushableCallback flushable && !_flushables.Exists(f => ReferenceEquals(f.Target, flushable)))
            {
                _flushables.Add((flushable, () => sink.Faulted, () => sink.Faulted = true));
            }
        }
    }

    /// <summary>One member of a (possibly multicast) callback, isolated from the others.</summary>
    private static Sink<T>[] Split<T>(Action<T>? callback)
    {
        if (callback is null)
        {
            return [];
        }

        var members = callback.GetInvocationList();
        var sinks = new Sink<T>[members.Length];
        for (int i = 0; i < members.Length; i++)
        {
            sinks[i] = new Sink<T>((Action<T>)members[i]);
        }

        return sinks;
    }

    private sealed class Sink<T>(Action<T> callback)
    {
        public Action<T> Callback { get; } = callback;

        public bool Faulted { get; set; }
    }
}
