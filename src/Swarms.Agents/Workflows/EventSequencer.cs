using Swarms.Agents.Streaming;

namespace Swarms.Agents.Workflows;

/// <summary>
/// Merges the events of agents running at once into one stream whose sequence numbers strictly increase in the
/// order the stream delivers them. Agents take their numbers from a shared <see cref="RunStamp"/> before they
/// yield, so two agents can hand their events over out of order; the sequencer renumbers each event and passes it
/// on under one lock, which also means the target never runs on two threads at once.
/// </summary>
internal sealed class EventSequencer
{
    private readonly Action<SwarmEvent> _target;
    private readonly Lock _gate = new();
    private long _seq;

    public EventSequencer(Action<SwarmEvent> target) => _target = target;

    public void Publish(SwarmEvent evt)
    {
        lock (_gate)
        {
            // The event comes straight from the agent that made it and has not been published: renumber it in place.
            evt.Resequence(++_seq);
            _target(evt);
        }
    }
}
