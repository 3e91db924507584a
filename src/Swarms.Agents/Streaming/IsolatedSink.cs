using Microsoft.Extensions.Logging;

namespace Swarms.Agents.Streaming;

/// <summary>
/// Wraps a user's sink (a callback, a helper, the console) so that a throw is logged once, as a warning naming the
/// agent or workflow and the exception, and the run goes on without calling that sink again for the failed event
/// and without calling the model again.
/// </summary>
internal sealed class IsolatedSink(ISwarmEventSink inner, ILogger logger, string owner) : ISwarmEventSink
{
    private bool _faulted;

    public ISwarmEventSink Inner => inner;

    public ValueTask OnEventAsync(SwarmEvent evt, CancellationToken cancellationToken)
    {
        try
        {
            var pending = inner.OnEventAsync(evt, cancellationToken);
            return pending.IsCompletedSuccessfully ? default : AwaitAsync(pending);
        }
#pragma warning disable CA1031 // A user's callback may throw anything; it must not end the run.
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            Report(ex);
            return default;
        }
    }

    public async ValueTask OnCompletedAsync(Exception? failure, CancellationToken cancellationToken)
    {
        try
        {
            await inner.OnCompletedAsync(failure, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // As above: flushing a user's helper must not turn a finished run into a failure.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Report(ex);
        }
    }

    private async ValueTask AwaitAsync(ValueTask pending)
    {
        try
        {
            await pending.ConfigureAwait(false);
        }
#pragma warning disable CA1031
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            Report(ex);
        }
    }

    private void Report(Exception ex)
    {
        if (!_faulted)
        {
            _faulted = true;
            logger.CallbackFailed(owner, ex);
        }
    }
}
