namespace Swarms.SignalR.Publishing;

/// <summary>
/// The publisher's bounded store: waiting messages per group in order, at most <c>capacity</c> over all groups, the
/// oldest dropped to make room. A group has at most one message in flight, which keeps each group's messages in
/// order while different groups are sent concurrently. Not thread-safe: the publisher holds its lock around every call.
/// </summary>
internal sealed class PublisherBuffer(int capacity)
{
    private readonly LinkedList<OutgoingMessage> _waiting = new();
    private readonly Dictionary<string, GroupQueue> _groups = new(StringComparer.Ordinal);
    private readonly Queue<GroupQueue> _ready = new();

    /// <summary>Messages waiting to be sent (not counting those in flight).</summary>
    public int Waiting => _waiting.Count;

    /// <summary>Messages taken and not yet completed.</summary>
    public int InFlight { get; private set; }

    /// <summary>Groups known to the buffer (waiting or in flight); bounded by the capacity plus the senders.</summary>
    public int Groups => _groups.Count;

    /// <summary>Whether a message can be taken now.</summary>
    public bool HasReady => _ready.Count > 0;

    /// <summary>Adds a message at the end of its group.</summary>
    /// <param name="message">The message.</param>
    /// <returns>The oldest waiting message, dropped to make room, or <see langword="null"/>.</returns>
    public OutgoingMessage? Add(OutgoingMessage message)
    {
        OutgoingMessage? evicted = null;
        if (_waiting.Count >= capacity)
        {
            evicted = _waiting.First!.Value;
            Remove(evicted);
        }

        if (!_groups.TryGetValue(message.Group, out var queue))
        {
            queue = new GroupQueue(message.Group);
            _groups.Add(message.Group, queue);
        }

        message.Queue = queue;
        message.WaitingNode = _waiting.AddLast(message);
        message.GroupNode = queue.Messages.AddLast(message);
        MarkReady(queue);
        return evicted;
    }

    /// <summary>Takes the first waiting message of the next group that has none in flight.</summary>
    /// <param name="message">The message, now in flight.</param>
    /// <returns>Whether one was taken.</returns>
    public bool TryTake(out OutgoingMessage message)
    {
        while (_ready.TryDequeue(out var queue))
        {
            queue.Ready = false;
            if (queue.Messages.First is not { } first)
            {
                // Emptied by eviction while it waited in the ready queue.
                ForgetIfIdle(queue);
                continue;
            }

            message = first.Value;
            Unlink(message);
            queue.InFlight = true;
            InFlight++;
            return true;
        }

        message = null!;
        return false;
    }

    /// <summary>Marks a taken message done (sent, given up or dropped), which frees its group for the next one.</summary>
    /// <param name="message">A message returned by <see cref="TryTake"/>.</param>
    public void Complete(OutgoingMessage message)
    {
        var queue = message.Queue!;
        queue.InFlight = false;
        InFlight--;
        MarkReady(queue);
        ForgetIfIdle(queue);
    }

    /// <summary>Drops every waiting message (not those in flight).</summary>
    /// <returns>How many were dropped.</returns>
    public int DropAllWaiting()
    {
        var count = _waiting.Count;
        while (_waiting.First is { } first)
        {
            Remove(first.Value);
        }

        return count;
    }

    private void Remove(OutgoingMessage message)
    {
        Unlink(message);
        ForgetIfIdle(message.Queue!);
    }

    private static void Unlink(OutgoingMessage message)
    {
        message.WaitingNode!.List!.Remove(message.WaitingNode);
        message.GroupNode!.List!.Remove(message.GroupNode);
        message.WaitingNode = null;
        message.GroupNode = null;
    }

    private void MarkReady(GroupQueue queue)
    {
        if (!queue.InFlight && !queue.Ready && queue.Messages.Count > 0)
        {
            queue.Ready = true;
            _ready.Enqueue(queue);
        }
    }

    private void ForgetIfIdle(GroupQueue queue)
    {
        if (queue.Messages.Count == 0 && !queue.InFlight && !queue.Ready
            && _groups.TryGetValue(queue.Name, out var current) && ReferenceEquals(current, queue))
        {
            _groups.Remove(queue.Name);
        }
    }
}
