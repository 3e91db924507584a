using Microsoft.Extensions.Logging;
using Swarms.Agents.Streaming;
using Swarms.Orchestration.RunLog;

namespace Swarms.Orchestration.Publishing;

/// <summary>
/// Where a run's events go once they leave an activity: appended to the run log (which numbers them), then handed to
/// every live publisher: at once, or through the process-wide <see cref="RunEventBatcher"/> for the publishers that batch
/// per run (<see cref="IRunEventPublisher.BatchesPerRun"/>). A publisher that throws is logged (once per publisher) and
/// skipped; a log that throws fails the caller (the activity then runs again: its events must not be lost).
/// </summary>
internal sealed class RunEventOutlet
{
    private readonly IRunLog _log;
    private readonly IRunEventPublisher[] _direct;
    private readonly IRunEventPublisher[] _batched;
    private readonly RunEventBatcher _batcher;
    private readonly ILogger<RunEventOutlet> _logger;
    private readonly Dictionary<IRunEventPublisher, int> _warned = new(ReferenceEqualityComparer.Instance);
    private readonly Action<IRunEventPublisher, string, Exception> _onError;

    public RunEventOutlet(IRunLog log, IEnumerable<IRunEventPublisher> publishers, ILogger<RunEventOutlet> logger, RunEventBatcher? batcher = null)
    {
        IRunEventPublisher[] all = [.. publishers];
        _log = log;
        _direct = [.. all.Where(p => !p.BatchesPerRun)];
        _batched = [.. all.Where(p => p.BatchesPerRun)];
        _batcher = batcher ?? RunEventBatcher.Shared;
        _logger = logger;
        _onError = Warn;
    }

    public IRunLog Log => _log;

    /// <summary>Logs <paramref name="batch"/> and publishes what was logged; returns it.</summary>
    public async Task<IReadOnlyList<SwarmEvent>> AppendAsync(RunLogBatch batch, CancellationToken cancellationToken)
    {
        bool batching = _batched.Length > 0;
        if (batching)
        {
            _batcher.Begin(batch.RunId);
        }

        try
        {
            var logged = await _log.AppendAsync(batch, cancellationToken).ConfigureAwait(false);
            if (logged.Count == 0)
            {
                return logged;
            }

            foreach (var publisher in _batched)
            {
                _batcher.Add(batch.RunId, publisher, logged, _onError);
            }

            foreach (var publisher in _direct)
            {
                try
                {
                    var pending = publisher.PublishAsync(batch.RunId, logged, cancellationToken);
                    if (!pending.IsCompletedSuccessfully)
                    {
                        await pending.ConfigureAwait(false);
                    }
                }
#pragma warning disable CA1031 // A live publisher must never fail the run: its events are in the log.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    Warn(publisher, batch.RunId, ex);
                }
            }

            return logged;
        }
        finally
        {
            if (batching)
            {
                _batcher.End(batch.RunId);
            }
        }
    }

    private void Warn(IRunEventPublisher publisher, string runId, Exception ex)
    {
        lock (_warned)
        {
            if (!_warned.TryAdd(publisher, 1))
            {
                return;
            }
        }

        _logger.PublisherFailed(publisher.GetType().Name, runId, ex);
    }
}
