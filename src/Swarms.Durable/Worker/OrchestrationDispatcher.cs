using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Swarms.Durable.History;
using Swarms.Durable.Orchestration;
using Swarms.Durable.Storage;

namespace Swarms.Durable.Worker;

/// <summary>
/// Runs orchestrator episodes: takes an instance's lease, reads its messages, replays it and writes the
/// checkpoint, then hands the new activities to the <see cref="ActivityDispatcher"/>. Instances are
/// queued in-process by signals (from the store's commit notifications) and by the poll loop.
/// </summary>
internal sealed class OrchestrationDispatcher(
    IOrchestrationStore store,
    DurableTaskRegistry registry,
    DurableTaskWorkerOptions options,
    ActivityDispatcher activities,
    ILogger logger)
{
    private readonly ConcurrentDictionary<string, InstanceSlot> _slots = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskFailureDetails> _violations = new(StringComparer.Ordinal);
    private readonly Channel<InstanceSlot> _ready = Channel.CreateUnbounded<InstanceSlot>(new() { SingleWriter = false });

    /// <summary>Episodes run by this worker (a work item each), for benchmarks and diagnostics.</summary>
    public long EpisodeCount => Interlocked.Read(ref _episodes);

    private long _episodes;

    /// <summary>Queues an instance for an episode unless it is already queued; coalesces while it runs.</summary>
    public void Signal(string instanceId)
    {
        while (true)
        {
            var slot = _slots.GetOrAdd(instanceId, id => new InstanceSlot(id));
            lock (slot.Gate)
            {
                if (slot.Removed)
                {
                    continue;
                }

                slot.StoreMessagesPending = true;
                if (slot.TrySchedule())
                {
                    _ready.Writer.TryWrite(slot);
                }

                return;
            }
        }
    }

    /// <summary>Runs the episode loops until <paramref name="stopping"/> fires; running episodes finish.</summary>
    public Task RunAsync(CancellationToken stopping) =>
        Task.WhenAll(Enumerable.Range(0, options.MaxConcurrentOrchestrations).Select(_ => Task.Run(() => LoopAsync(stopping), CancellationToken.None)));

    private async Task LoopAsync(CancellationToken stopping)
    {
        try
        {
            await foreach (var slot in _ready.Reader.ReadAllAsync(stopping).ConfigureAwait(false))
            {
                slot.BeginRun();
                try
                {
                    await RunEpisodeAsync(slot).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // An engine error must not kill the loop; the messages stay and are retried.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    Log.EpisodeError(logger, slot.InstanceId, ex);
                    slot.Forget();
                }

                // The checkpoint's continuation may have run on the store's writer thread; leave it now.
                await Task.Yield();
                lock (slot.Gate)
                {
                    if (slot.EndRun())
                    {
                        _ready.Writer.TryWrite(slot);
                    }
                    else if (!slot.Held)
                    {
                        slot.Removed = true;
                        _slots.TryRemove(new KeyValuePair<string, InstanceSlot>(slot.InstanceId, slot));
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    /// <summary>Takes an activity result in memory if this worker holds the instance (see
    /// <see cref="ActivityDispatcher.LocalDelivery"/>); the next episode commits it.</summary>
    public bool TryDeliverLocally(ActivityWorkItem item, HistoryEvent result)
    {
        if (!_slots.TryGetValue(item.InstanceId, out var slot))
        {
            return false;
        }

        lock (slot.Gate)
        {
            // Every episode drains the queue on every path, so an enqueued result is never stranded.
            if (slot.Removed || !slot.Held || slot.Status == OrchestrationRuntimeStatus.Suspended || !slot.OutstandingActivities.Remove(item.Id))
            {
                return false;
            }

            slot.LocalCompletions.Enqueue((item, result));
            if (slot.TrySchedule())
            {
                _ready.Writer.TryWrite(slot);
            }
        }

        return true;
    }

    private async Task RunEpisodeAsync(InstanceSlot slot)
    {
        var local = slot.TakeLocalCompletions();
        try
        {
            if (!await RunEpisodeAsync(slot, local).ConfigureAwait(false))
            {
                await FallBackAsync(local).ConfigureAwait(false);
            }
        }
        catch
        {
            await FallBackAsync(local).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// After the loops stopped: results handed over in memory but not yet checkpointed become messages, so
    /// a graceful shutdown never makes a finished activity run again.
    /// </summary>
    public async Task FlushLocalCompletionsAsync()
    {
        foreach (var slot in _slots.Values)
        {
            await FallBackAsync(slot.TakeLocalCompletions()).ConfigureAwait(false);
        }
    }

    /// <summary>Results the episode could not commit become ordinary messages in the store.</summary>
    private async Task FallBackAsync(List<(ActivityWorkItem Item, HistoryEvent Result)> local)
    {
        foreach (var (item, result) in local)
        {
            await activities.CompleteInStoreAsync(item, result).ConfigureAwait(false);
        }
    }

    /// <returns>False when the in-memory results were not committed (no lease, suspended, lease lost).</returns>
    private async Task<bool> RunEpisodeAsync(InstanceSlot slot, List<(ActivityWorkItem Item, HistoryEvent Result)> local)
    {
        var id = slot.InstanceId;
        var now = options.TimeProvider.GetUtcNow().UtcDateTime;
        if (!slot.Held)
        {
            var state = await store.TryLockInstanceAsync(id, options.OwnerId, now, now + options.LeaseDuration, CancellationToken.None).ConfigureAwait(false);
            if (state is null)
            {
                return false;
            }

            slot.Held = true;
            slot.History = [.. state.History];
            slot.Status = state.Status;
            slot.CustomStatus = state.CustomStatus;
        }

        bool readStore;
        lock (slot.Gate)
        {
            readStore = slot.StoreMessagesPending;
            slot.StoreMessagesPending = false;
        }

        // A signal that arrives after this point sets the flag again and re-queues the slot.
        var messages = readStore
            ? await store.ReadMessagesAsync(id, now, CancellationToken.None).ConfigureAwait(false)
            : [];
        _violations.TryRemove(id, out var violation);
        if (slot.Status.IsTerminal())
        {
            // Late messages for a finished instance (a timer that lost a race, a stale completion) are dropped.
            var dropped = await CommitAsync(slot, new EpisodeCheckpoint
            {
                InstanceId = id, Owner = options.OwnerId, Now = now, Status = slot.Status, CustomStatus = slot.CustomStatus,
                ConsumedMessageIds = [.. messages.Select(m => m.Id)], CompletedActivityIds = [.. local.Select(l => l.Item.Id)],
                ReleaseLease = true, HistoryStartIndex = slot.History!.Count,
            }).ConfigureAwait(false);
            slot.Forget();
            return dropped is not null;
        }

        var suspended = slot.Status == OrchestrationRuntimeStatus.Suspended;
        var selected = SelectMessages(messages, suspended);
        if (suspended && local.Count > 0)
        {
            await FallBackAsync(local).ConfigureAwait(false);
            local.Clear();
        }

        if (selected.Count == 0 && local.Count == 0 && violation is null)
        {
            return true;
        }

        var newEvents = new List<HistoryEvent>(selected.Count + local.Count + 1) { new OrchestratorStarted { Timestamp = now } };
        newEvents.AddRange(selected.Select(m => m.Event));
        newEvents.AddRange(local.Select(l => l.Result));
        var runner = new OrchestrationRunner(id, registry, slot.CustomStatus, () => OnLateForeignPost(id));
        var result = runner.Execute(slot.History!, newEvents, violation);
        Interlocked.Increment(ref _episodes);
        var checkpoint = new EpisodeCheckpoint
        {
            InstanceId = id,
            Owner = options.OwnerId,
            Now = now,
            ConsumedMessageIds = [.. (result.IsFinished ? messages : selected).Select(m => m.Id)],
            CompletedActivityIds = [.. local.Select(l => l.Item.Id)],
            ResetHistory = result.ContinuedAsNew,
            HistoryStartIndex = result.ContinuedAsNew ? 0 : slot.History!.Count,
            AppendHistory = result.ContinuedAsNew ? [result.Appended[^1]] : result.Appended,
            Status = result.Status,
            NewInput = result.NewInput,
            Output = result.Output,
            CustomStatus = result.CustomStatus,
            Failure = result.Failure,
            ReleaseLease = result.IsFinished,
            Activities = result.Activities,
            SubOrchestrations = result.SubOrchestrations,
            Messages = result.Messages,
            LeaseUntil = now + options.LeaseDuration,
        };
        var created = await CommitAsync(slot, checkpoint).ConfigureAwait(false);
        if (created is null)
        {
            return false;
        }

        lock (slot.Gate)
        {
            if (result.ContinuedAsNew)
            {
                slot.History!.Clear();
                slot.History.Add(result.Appended[^1]);
                slot.OutstandingActivities.Clear();
            }
            else
            {
                slot.History!.AddRange(result.Appended);
            }

            foreach (var item in created)
            {
                slot.OutstandingActivities.Add(item.Id);
            }
        }

        slot.Status = result.Status;
        slot.CustomStatus = result.CustomStatus;
        Log.EpisodeCompleted(logger, id, result.Status);
        if (result.Failure is not null)
        {
            Log.OrchestrationFailed(logger, id, result.Failure);
        }

        if (result.IsFinished)
        {
            slot.Forget();
        }

        activities.Enqueue(created);
        return true;
    }

    private async Task<IReadOnlyList<ActivityWorkItem>?> CommitAsync(InstanceSlot slot, EpisodeCheckpoint checkpoint)
    {
        try
        {
            return await store.CommitEpisodeAsync(checkpoint, CancellationToken.None).ConfigureAwait(false);
        }
        catch (LeaseLostException)
        {
            Log.LeaseLost(logger, slot.InstanceId);
            slot.Forget();
            return null;
        }
    }

    /// <summary>While suspended, only resume and terminate are consumed; other messages wait in the store.</summary>
    private static List<OrchestrationMessage> SelectMessages(IReadOnlyList<OrchestrationMessage> messages, bool suspended)
    {
        var selected = new List<OrchestrationMessage>(messages.Count);
        foreach (var m in messages)
        {
            if (suspended && m.Event is not (ExecutionResumed or ExecutionTerminated))
            {
                continue;
            }

            selected.Add(m);
            suspended = m.Event is ExecutionSuspended || (suspended && m.Event is not ExecutionResumed);
        }

        return selected;
    }

    private void OnLateForeignPost(string instanceId)
    {
        Log.ForeignAwait(logger, instanceId);
        _violations.TryAdd(instanceId, ForeignAwaitException.Failure("A continuation arrived after the orchestrator's episode had ended."));
        Signal(instanceId);
    }
}
