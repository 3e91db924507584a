using Swarms.SignalR.Publishing;

namespace Swarms.SignalR;

/// <summary>The senders: take a group's next message, send it with retries, free the group.</summary>
public sealed partial class SignalRPublisher
{
    private long _failedWhenStreakBegan = -1;

    /// <summary>One sender: runs while there is a group ready to send, then exits (the next publish starts another).</summary>
    private async Task RunWorkerAsync()
    {
        while (true)
        {
            OutgoingMessage message;
            lock (_gate)
            {
                if (!_buffer.TryTake(out message))
                {
                    _activeWorkers--;
                    SignalIdleIfDone();
                    return;
                }
            }

            try
            {
                await DeliverAsync(message).ConfigureAwait(false);
            }
            finally
            {
                lock (_gate)
                {
                    _buffer.Complete(message);
                    SignalIdleIfDone();
                }
            }
        }
    }

    /// <summary>Sends one message, retrying transient failures; never throws. Counts the outcome.</summary>
    private async Task DeliverAsync(OutgoingMessage message)
    {
        var uri = _client.GroupSendUri(message.Group);
        var stopping = _stopping.Token;
        for (var attempt = 1; ; attempt++)
        {
            RestOutcome outcome;
            using (var attemptTimeout = new CancellationTokenSource(_options.AttemptTimeout, _time))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, attemptTimeout.Token))
            {
                try
                {
                    outcome = await _client.SendAsync(HttpMethod.Post, uri, message.Body, linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                    Interlocked.Increment(ref _dropped);
                    return;
                }
                catch (OperationCanceledException ex)
                {
                    outcome = new RestOutcome(null, null, new SignalRRestException(
                        $"No answer within {_options.AttemptTimeout.TotalSeconds:0.###} s.", null, ex));
                }
#pragma warning disable CA1031 // A sender survives anything (a credential's own exception type, say): the publisher never fails its caller.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    outcome = new RestOutcome(null, null, ex);
                }
            }

            if (outcome.Succeeded)
            {
                Interlocked.Increment(ref _sent);
                NoteSuccess();
                return;
            }

            if (!outcome.IsTransient || attempt >= _options.MaxAttempts)
            {
                Interlocked.Increment(ref _failed);
                NoteGaveUp(message.Group, attempt, outcome.Error!);
                return;
            }

            Interlocked.Increment(ref _retried);
            var wait = RetryDelay.Next(attempt, outcome.RetryAfter, _options.InitialBackoff, _options.MaxBackoff, _random());
            try
            {
                await _delay(wait, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref _dropped);
                return;
            }
        }
    }

    /// <summary>Logs the first give-up of a run of failures; later ones are only counted until a send succeeds.</summary>
    private void NoteGaveUp(string group, int attempts, Exception error)
    {
        var failedBefore = Interlocked.Read(ref _failed) - 1;
        if (Interlocked.CompareExchange(ref _failedWhenStreakBegan, failedBefore, -1) == -1)
        {
            _logger.PublishGaveUp(group, attempts, error.Message);
        }
    }

    private void NoteSuccess()
    {
        if (Interlocked.Read(ref _failedWhenStreakBegan) == -1)
        {
            return;
        }

        var failedBefore = Interlocked.Exchange(ref _failedWhenStreakBegan, -1);
        if (failedBefore != -1)
        {
            _logger.PublishRecovered(Interlocked.Read(ref _failed) - failedBefore);
        }
    }

    /// <summary>Under the lock: completes flush waiters when nothing is left, and shutdown when no sender runs.</summary>
    private void SignalIdleIfDone()
    {
        if (IsIdle)
        {
            _overflowing = false;
            _idle?.TrySetResult();
            _idle = null;
        }

        if (_closed && _activeWorkers == 0)
        {
            _workersExited.TrySetResult();
        }
    }
}
