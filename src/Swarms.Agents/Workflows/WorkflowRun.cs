using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Swarms.Agents.Streaming;

namespace Swarms.Agents.Workflows;

/// <summary>
/// One in-process run of a workflow: the workflow logic drives an <see cref="InProcessAgentInvoker"/>, whose agents'
/// event streams are merged into one channel; <see cref="ReadAsync"/> yields that stream in sequence order.
/// </summary>
/// <remarks>
/// Every event is stamped once, when it is made, with a number from the run's shared <see cref="EventSequence"/>.
/// Agents running at once take numbers and hand their events over on different threads, so two can arrive swapped;
/// the reader holds an early event back until the ones before it are in (a few events at most, for microseconds), so
/// the stream is strictly in sequence order without renumbering or copying any event.
/// </remarks>
internal sealed class WorkflowRun
{
    private readonly AgentWorkflow _workflow;
    private readonly string _task;
    private readonly TaskCompletionSource<WorkflowResult> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public WorkflowRun(AgentWorkflow workflow, string task)
    {
        _workflow = workflow;
        _task = task;
    }

    /// <summary>The run's result, once <see cref="ReadAsync"/> has been read to its end.</summary>
    public Task<WorkflowResult> Result => _result.Task;

    public async IAsyncEnumerable<SwarmEvent> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<SwarmEvent>(new UnboundedChannelOptions { SingleReader = true });
        var stamp = EventStamp.NewRun(_workflow.Options.TimeProvider);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pump = PumpAsync(stamp, channel.Writer, stop.Token);
        bool drained = false;
        try
        {
            var reader = channel.Reader;
            var early = new ReorderBuffer();
            long next = 0;
            while (await reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
            {
                while (reader.TryRead(out var evt))
                {
                    if (next == 0)
                    {
                        next = evt.Seq; // RunStarted: written before any agent starts
                    }

                    if (evt.Seq != next)
                    {
                        early.Hold(evt, next);
                        continue;
                    }

                    yield return evt;
                    next++;
                    while (early.Take(next) is { } held)
                    {
                        yield return held;
                        next++;
                    }
                }
            }

            // Only a run torn down mid-way can leave a number that never arrived: hand over the rest in order.
            foreach (var held in early.Rest())
            {
                yield return held;
            }

            drained = true;
        }
        finally
        {
            if (!drained)
            {
                // The consumer stopped early: stop the agents and let them wind down before leaving.
                await stop.CancelAsync().ConfigureAwait(false);
                await ((Task)pump).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        _result.TrySetResult(await pump.ConfigureAwait(false));
    }

    private async Task<WorkflowResult> PumpAsync(EventStamp stamp, ChannelWriter<SwarmEvent> writer, CancellationToken cancellationToken)
    {
        var plan = _workflow.Plan;
        var time = stamp.Time;
        long started = time.GetTimestamp();
        try
        {
            writer.TryWrite(stamp.RunStarted(plan.Name, plan.Agents, _task));
            using var invoker = new InProcessAgentInvoker(_workflow.Agents, stamp, writer, plan);
            WorkflowResult result;
            try
            {
                result = await WorkflowLogic.RunAsync(plan, _task, invoker, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                writer.TryWrite(stamp.RunFailed("Cancelled.", TokenUsage.Zero));
                throw;
            }

            result = result with { Elapsed = time.GetElapsedTime(started) };
            writer.TryWrite(result.Status == WorkflowStatus.Failed
                ? stamp.RunFailed(result.Error ?? "Failed.", result.Usage)
                : stamp.RunCompleted(result.Output, result.Usage));
            return result;
        }
        catch (Exception ex)
        {
            _result.TrySetException(ex);
            throw;
        }
        finally
        {
            writer.TryComplete();
        }
    }

    /// <summary>
    /// Events that arrived before their turn, in a ring indexed by sequence number: they are few and close to the
    /// expected number, so holding and taking one is an array access, with no allocation once the ring is big enough.
    /// </summary>
    private sealed class ReorderBuffer
    {
        private SwarmEvent?[] _slots = [];
        private int _count;

        public void Hold(SwarmEvent evt, long next)
        {
            if (_slots.Length == 0)
            {
                // Made when first needed: a sequential run never holds anything.
                _slots = new SwarmEvent?[16];
            }

            while (evt.Seq - next >= _slots.Length)
            {
                Grow();
            }

            _slots[Slot(evt.Seq)] = evt;
            _count++;
        }

        public SwarmEvent? Take(long seq)
        {
            if (_count == 0)
            {
                return null;
            }

            ref var slot = ref _slots[Slot(seq)];
            if (slot is not { } held || held.Seq != seq)
            {
                return null;
            }

            slot = null;
            _count--;
            return held;
        }

        public IEnumerable<SwarmEvent> Rest() => _slots.OfType<SwarmEvent>().OrderBy(e => e.Seq);

        private int Slot(long seq) => (int)(seq % _slots.Length);

        private void Grow()
        {
            var old = _slots;
            _slots = new SwarmEvent?[old.Length * 2];
            foreach (var evt in old)
            {
                if (evt is not null)
                {
                    _slots[Slot(evt.Seq)] = evt;
                }
            }
        }
    }
}
