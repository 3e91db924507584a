using Microsoft.Extensions.Logging;

namespace Swarms.Agents.Streaming;

/// <summary>
/// Feeds the seed's two callback shapes from the event stream: the plain token text (<see cref="Action{String}"/>)
/// and the detailed <see cref="TokenInfo"/>. Each member of a multicast delegate is isolated from the others.
/// </summary>
/// <remarks>
/// The reset rule for these shapes: a detailed callback receives a chunk with <see cref="TokenInfo.IsReset"/> when an
/// agent's model call is made again after some of its text went out. A plain callback cannot be told to take text
/// back: it keeps receiving text live, and such a restart is logged as a warning naming the agent.
/// </remarks>
internal sealed class CallbackSink : ISwarmEventSink
{
    private readonly string? _agent;
    private readonly Action<string>[] _text;
    private readonly Action<TokenInfo>[] _detailed;
    private readonly bool[] _faulted;
    private readonly ILogger _logger;
    private readonly string _owner;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, AgentText> _agents = new(StringComparer.Ordinal);
    private string? _lastAgent;
    private AgentText? _lastState;

    /// <summary>Creates the sink; <paramref name="agent"/>: only this agent's events (a workflow feeds each agent's own callbacks), null: every agent.</summary>
    public CallbackSink(string? agent, Action<string>? text, Action<TokenInfo>? detailed, ILogger logger, string owner, TimeProvider time)
    {
        _agent = agent;
        _text = Split(text);
        _detailed = Split(detailed);
        _faulted = new bool[_text.Length + _detailed.Length];
        _logger = logger;
        _owner = owner;
        _time = time;
    }

    public ValueTask OnEventAsync(SwarmEvent evt, CancellationToken cancellationToken)
    {
        if (evt is not AgentEvent agentEvent || (_agent is not null && agentEvent.Agent != _agent))
        {
            return default;
        }

        switch (evt)
        {
            case TextDelta delta:
                var state = State(delta.Agent);
                state.Delivered += delta.Delta.Length;
                for (int i = 0; i < _text.Length; i++)
                {
                    Invoke(_text[i], delta.Delta, i);
                }

                if (_detailed.Length > 0)
                {
                    var info = new TokenInfo
                    {
                        Content = delta.Delta, Index = state.Index++, AgentName = delta.Agent, Model = state.Model,
                        Attempt = delta.Attempt, Timestamp = delta.Timestamp,
                    };
                    InvokeDetailed(info);
                }

                break;
            case AgentStarted started:
                var agent = State(started.Agent);
                if (started.Attempt > 1 && agent.Delivered > 0)
                {
                    if (_detailed.Length > 0)
                    {
                        InvokeDetailed(new TokenInfo
                        {
                            Content = "", Index = 0, AgentName = started.Agent, Model = agent.Model, Attempt = started.Attempt,
                            IsReset = true, Timestamp = started.Timestamp,
                        });
                    }

                    if (_text.Length > 0)
                    {
                        _logger.PlainCallbackRestarted(started.Agent, agent.Delivered, started.Attempt - 1, started.Attempt);
                    }
                }

                // Each loop and each attempt is a new model call: TokenInfo.Index counts within one call.
                agent.Index = 0;
                agent.Delivered = 0;
                break;
            case AgentCompleted completed when _detailed.Length > 0:
                var last = State(completed.Agent);
                InvokeDetailed(new TokenInfo
                {
                    Content = "", Index = last.Index++, AgentName = completed.Agent, Model = completed.Model, Attempt = completed.Attempt,
                    FinishReason = completed.FinishReason, Usage = completed.Usage, IsLast = true, Timestamp = _time.GetUtcNow(),
                });
                break;
        }

        return default;
    }

    public ValueTask OnCompletedAsync(Exception? failure, CancellationToken cancellationToken) => default;

    /// <summary>The model to name in chunks before the provider reports one.</summary>
    public void SetModel(string agent, string? model) => State(agent).Model = model;

    private AgentText State(string agent)
    {
        // Every token of a run names the same agent string: skip the lookup when it is the last one's.
        if (ReferenceEquals(agent, _lastAgent))
        {
            return _lastState!;
        }

        if (!_agents.TryGetValue(agent, out var state))
        {
            _agents[agent] = state = new AgentText();
        }

        _lastAgent = agent;
        _lastState = state;
        return state;
    }

    private void InvokeDetailed(TokenInfo info)
    {
        for (int i = 0; i < _detailed.Length; i++)
        {
            Invoke(_detailed[i], info, _text.Length + i);
        }
    }

    private void Invoke<T>(Action<T> callback, T value, int slot)
    {
        try
        {
            callback(value);
        }
#pragma warning disable CA1031 // A user's callback may throw anything; it must not end the run.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            if (!_faulted[slot])
            {
                _faulted[slot] = true;
                _logger.CallbackFailed(_owner, ex);
            }
        }
    }

    private static Action<T>[] Split<T>(Action<T>? callback) =>
        callback is null ? [] : Array.ConvertAll(callback.GetInvocationList(), d => (Action<T>)d);

    private sealed class AgentText
    {
        public int Index { get; set; }

        public int Delivered { get; set; }

        public string? Model { get; set; }
    }
}
