using Swarms.Agents.Streaming;

namespace Swarms.Orchestration.RunLog;

/// <summary>
/// The persisted log of every run's events: what a client that joins late or reconnects reads to catch up, what a
/// re-executed agent turn reads to number its next attempt, and the authority for sequence numbers.
/// </summary>
/// <remarks>
/// <para>
/// <b>Sequence numbers belong to the log.</b> <see cref="AppendAsync"/> assigns each event of a batch the next numbers of
/// its run, atomically, so a run's numbers are unique and strictly increasing across concurrent activities and
/// processes; the <see cref="SwarmEvent.Seq"/> an event carries on the way in is ignored.
/// </para>
/// <para>
/// <b>Idempotent under re-execution.</b> An agent turn that runs again (a crash, a re-delivered activity) appends its new
/// attempt after what the first execution logged, never over it; a run-level event (a batch with an
/// <see cref="RunLogBatch.IdempotencyKey"/>) is appended once however often its activity runs.
/// </para>
/// Implementations: <see cref="SqliteRunLog"/> (embedded, a table beside the durable state) and
/// <see cref="TableRunLog"/> (Azure Table Storage, table <c>SwarmRunEvents</c>). Both are safe to call from many threads and processes.
/// </remarks>
public interface IRunLog
{
    /// <summary>
    /// Appends <paramref name="batch"/>'s events in order, giving them the run's next sequence numbers.
    /// </summary>
    /// <returns>The events as logged (with their numbers); empty when the batch's idempotency key was already appended.</returns>
    Task<IReadOnlyList<SwarmEvent>> AppendAsync(RunLogBatch batch, CancellationToken cancellationToken = default);

    /// <summary>The run's events with a sequence number above <paramref name="afterSeq"/>, in order, at most <paramref name="maxCount"/>.</summary>
    Task<IReadOnlyList<SwarmEvent>> ReadAsync(string runId, long afterSeq, int maxCount = 1000, CancellationToken cancellationToken = default);

    /// <summary>What the log holds of one agent turn (an agent in a workflow loop): the highest attempt so far, and its answer if it completed.</summary>
    Task<RunTurnState> GetTurnAsync(string runId, string agent, int turn, CancellationToken cancellationToken = default);
}
