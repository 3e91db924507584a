using Microsoft.Extensions.Logging;
using Swarms.Agents.Streaming;
using Swarms.Orchestration.RunLog;

namespace Swarms.Orchestration.Publishing;

/// <summary>
/// Where a run's events go once they leave an activity: appended to the run log (which numbers them), then handed to
/// every live publisher. A publisher that throws is logged (once per publisher) and skipped; a log that throws fails the
/// caller (the activity then runs again: its events must not be lost).
/// </summary>
internal sealed class RunEventOutlet(IRunLog log, IEnumerable<IRunEventPublisher> publishers, ILogger<RunEventOutlet> logger)
{
    private readonly IRunEventPublisher[] _publishers = [.. publishers];
    private readonly int[] _warned = new int[publishers.Count()];

    public IRunLog Log => log;

    /// <summary>Logs <paramref name="batch"/> and publishes what was logged; returns it.</summary>
    public async Task<IReadOnlyList<SwarmEvent>> AppendAsync(RunLogBatch batch, CancellationToken cancellationToken)
    {
        var logged = await log.AppendAsync(batch, cancellationToken).ConfigureAwait(false);
        if (logged.Count == 0)
        {
            return logged;
        }

        for (int i = 0; i < _publishers.Length; i++)
        {
            try
            {
                var pending = _publishers[i].PublishAsync(batch.RunId, logged, cancellationToken);
                if (!pending.IsCompletedSuccessfully)
                {
                    await pending.ConfigureAwait(false);
                }
            }
#pragma warning disable CA1031 // A live publisher must never fail the run: its events are in the log.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                if (Interlocked.Exchange(ref _warned[i], 1) == 0)
                {
                    logger.PublisherFailed(_publishers[i].GetType().Name, batch.RunId, ex);
                }
            }
        }

        return logged;
    }
}
