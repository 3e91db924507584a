namespace Swarms.Agents.Streaming;

/// <summary>
/// Hands out the sequence numbers of one run's events. The in-process agent and workflows count from 1
/// (<see cref="EventSequence"/>); a durable run gives its own (numbers assigned by the run log across processes), so
/// the numbering belongs to whoever owns the run, not to the agent.
/// </summary>
/// <remarks>Called from several threads at once when agents run concurrently: implementations must be thread-safe.</remarks>
public interface IEventSequence
{
    /// <summary>Takes the next number: greater than every number taken before.</summary>
    long NextSeq();
}
