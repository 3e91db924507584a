using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Swarms.Agents.Streaming;

namespace Swarms.Agents.Workflows;

public abstract partial class AgentWorkflow
{
    /// <summary>
    /// Runs the task and yields the events of every agent merged into one stream, in sequence order:
    /// <see cref="RunStarted"/>, each agent's events (tagged with its name), then <see cref="RunCompleted"/> or
    /// <see cref="RunFailed"/>. Nothing is printed. <see cref="WorkflowOptions.OnEvent"/>, when set, sees the same events.
    /// </summary>
    /// <remarks>Stopping the enumeration early cancels the agents still running.</remarks>
    /// <exception cref="OperationCanceledException">The token was cancelled; every agent is stopped.</exception>
    public async IAsyncEnumerable<SwarmEvent> RunStreamingAsync(
        string task, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var channel = Channel.CreateUnbounded<SwarmEvent>(new UnboundedChannelOptions { SingleReader = true });
        var callback = Options.OnEvent is null ? null : Isolate(Options.OnEvent);
        var writer = channel.Writer;
        Action<SwarmEvent> target = callback is null
            ? evt => writer.TryWrite(evt)
            : evt => { callback(evt); writer.TryWrite(evt); };
        var run = PumpAsync(task, target, writer, stop.Token);
        bool drained = false;
        try
        {
            var reader = channel.Reader;
            while (await reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
            {
                while (reader.TryRead(out var evt))
                {
                    yield return evt;
                }
            }

            drained = true;
        }
        finally
        {
            if (!drained)
            {
                // The consumer stopped early: stop the agents and let them wind down before leaving.
                await stop.CancelAsync().ConfigureAwait(false);
                await ((Task)run).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        await run.ConfigureAwait(false);
    }

    private async Task<WorkflowResult> PumpAsync(string task, Action<SwarmEvent> target, ChannelWriter<SwarmEvent> writer, CancellationToken cancellationToken)
    {
        try
        {
            return await ExecuteAsync(task, target, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            writer.TryComplete();
        }
    }
}
