using Swarms.Agents.Streaming;

namespace Swarms.Orchestration.RunLog;

/// <summary>The columns a log keeps beside an event's JSON, so a turn's attempts are found without reading every event.</summary>
internal readonly record struct LoggedEvent(string Type, string? Agent, int Attempt)
{
    public const string AgentStartedType = nameof(AgentStarted);

    public const string AgentCompletedType = nameof(AgentCompleted);

    public static LoggedEvent Of(SwarmEvent evt) => evt switch
    {
        TextDelta e => new(nameof(TextDelta), e.Agent, e.Attempt),
        AgentStarted e => new(AgentStartedType, e.Agent, e.Attempt),
        AgentCompleted e => new(AgentCompletedType, e.Agent, e.Attempt),
        AgentFailed e => new(nameof(AgentFailed), e.Agent, e.Attempt),
        ReasoningDelta e => new(nameof(ReasoningDelta), e.Agent, e.Attempt),
        AgentEvent e => new(e.GetType().Name, e.Agent, 0),
        _ => new(evt.GetType().Name, null, 0),
    };

    /// <summary>Folds a turn's AgentStarted and AgentCompleted events (in log order) into its state.</summary>
    public static RunTurnState Fold(IEnumerable<SwarmEvent> turnEvents)
    {
        int last = 0;
        AgentCompleted? completed = null;
        DateTimeOffset? startedAt = null;
        foreach (var evt in turnEvents)
        {
            switch (evt)
            {
                case AgentStarted started:
                    last = Math.Max(last, started.Attempt);
                    startedAt ??= started.Timestamp;
                    break;
                case AgentCompleted done:
                    completed = done;
                    last = Math.Max(last, done.Attempt);
                    break;
            }
        }

        return last == 0 && completed is null ? RunTurnState.None : new RunTurnState(last, completed, startedAt);
    }
}
