using Swarms.Agents.Streaming;
using Microsoft.Extensions.Logging;
using Swarms.Orchestration.Publishing;
using Swarms.Orchestration.RunLog;

namespace Swarms.Orchestration.Activities;

/// <summary>
/// The work of <see cref="RunEventActivity"/>, for any host: logs one run-level event (once per key) and publishes it.
/// The Functions app calls <see cref="RecordAsync"/> from an <c>[ActivityTrigger]</c> function.
/// </summary>
public sealed class RunEventRecorder
{
    private readonly RunEventOutlet _outlet;

    /// <summary>Creates the recorder (dependency injection does this).</summary>
    internal RunEventRecorder(RunEventOutlet outlet) => _outlet = outlet;

    /// <summary>Logs and publishes the event; returns its sequence number (0 when an earlier execution logged it).</summary>
    public async Task<long> RecordAsync(RunEventRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Event, nameof(request));
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Event.RunId, nameof(request));
        var logged = await _outlet.AppendAsync(
            new RunLogBatch(request.Event.RunId, [request.Event]) { IdempotencyKey = request.Key }, cancellationToken).ConfigureAwait(false);
        if (logged.Count > 0 && request.Event is RunCompleted or RunFailed)
        {
            // The run's own span and metrics, once, when its end is logged (the start is the log's first event).
            var first = await _outlet.Log.ReadAsync(request.Event.RunId, 0, 1, cancellationToken).ConfigureAwait(false);
            SwarmsTelemetry.RecordRun(request.Event, first.Count > 0 ? first[0] as RunStarted : null);
        }

        return logged.Count == 0 ? 0 : logged[0].Seq;
    }
}
