using Microsoft.Extensions.Logging;

namespace Swarms.Agents.Streaming;

/// <summary>
/// Feeds one run's events to the user's callbacks: the plain token callback and the detailed
/// <see cref="TokenInfo"/> callback. A callback that throws is logged once and isolated: the stream goes on to
/// every other sink and the model is never called again because of it.
/// </summary>
internal sealed class CallbackDispatcher
{
    private readonly string _agent;
    private readonly Action<string>? _text;
    private readonly Action<TokenInfo>? _detailed;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private bool _textFaulted;
    private bool _detailedFaulted;
    private int _index;
    private int _attempt = 1;
    private readonly string? _model;

    public CallbackDispatcher(string agent, string? model, Action<string>? text, Action<TokenInfo>? detailed, ILogger logger, TimeProvider time)
    {
        _agent = agent;
        _model = model;
        _text = text;
        _detailed = detailed;
        _logger = logger;
        _time = time;
    }

    public void OnEvent(SwarmEvent evt)
    {
        switch (evt)
        {
            case TextDelta delta:
                if (_text is not null)
                {
                    Invoke(_text, delta.Delta, ref _textFaulted);
                }

                if (_detailed is not null)
                {
                    var info = new TokenInfo
                    {
                        Content = delta.Delta, Index = _index++, AgentName = _agent, Model = _model,
                        Attempt = delta.Attempt, Timestamp = delta.Timestamp,
                    };
                    Invoke(_detailed, info, ref _detailedFaulted);
                }

                break;
            case AgentStarted started:
                if (started.Attempt != _attempt)
                {
                    _index = 0;
                    _attempt = started.Attempt;
                }

                break;
            case AgentCompleted completed when _detailed is not null:
                var last = new TokenInfo
                {
                    Content = "", Index = _index++, AgentName = _agent, Model = completed.Model, Attempt = completed.Attempt,
                    FinishReason = completed.FinishReason, Usage = completed.Usage, IsLast = true, Timestamp = _time.GetUtcNow(),
                };
                Invoke(_detailed, last, ref _detailedFaulted);
                break;
        }
    }

    private void Invoke<T>(Action<T> callback, T value, ref bool faulted)
    {
        try
        {
            callback(value);
        }
#pragma warning disable CA1031 // A user's callback may throw anything; it must not end the run.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            if (!faulted)
            {
                faulted = true;
                Log.CallbackFailed(_logger, _agent, ex);
            }
        }
    }
}
