using Swarms.Durable.Internal;

namespace Swarms.Durable.Sqlite;

/// <summary>
/// The fetch loop behind both of DurableTask.Core's "lock next work item" calls: take work handed over in this
/// process; otherwise poll the table once per polling interval (work from other processes, expired locks); otherwise
/// sleep until woken or the next poll. While the service stops it hands out nothing and waits out the timeout, since
/// returning at once would make the dispatcher spin.
/// </summary>
/// <typeparam name="T">The work item type.</typeparam>
/// <param name="service">The service.</param>
/// <param name="signal">Set when work is handed over in this process.</param>
/// <param name="take">Takes work at hand; <c>Retry</c> when something was tried without result (look again at once).</param>
/// <param name="poll">Looks in the table for work and queues what it finds.</param>
internal sealed class WorkFeed<T>(
    SqliteOrchestrationService service,
    AsyncSignal signal,
    Func<Task<(T? Item, bool Retry)>> take,
    Func<DateTime, Task> poll)
    where T : class
{
    private DateTime _nextPoll;

    public async Task<T?> NextAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + receiveTimeout;
        while (!cancellationToken.IsCancellationRequested)
        {
            if (service.IsStopping)
            {
                var rest = deadline - DateTime.UtcNow;
                if (rest > TimeSpan.Zero)
                {
                    await Task.Delay(rest, cancellationToken).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).ConfigureAwait(false);
                }

                return null;
            }

            var (item, retry) = await take().ConfigureAwait(false);
            if (item is not null)
            {
                return item;
            }

            if (retry)
            {
                continue;
            }

            var now = DateTime.UtcNow;
            if (now >= _nextPoll)
            {
                _nextPoll = now + service.Options.PollingInterval;
                await poll(now).ConfigureAwait(false);
                continue;
            }

            if (now >= deadline)
            {
                return null;
            }

            await signal.WaitAsync((_nextPoll < deadline ? _nextPoll : deadline) - now, cancellationToken).ConfigureAwait(false);
        }

        return null;
    }
}
