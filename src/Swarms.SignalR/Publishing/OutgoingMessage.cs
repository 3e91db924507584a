namespace Swarms.SignalR.Publishing;

/// <summary>One message waiting in (or taken from) a <see cref="PublisherBuffer"/>: its group and its serialised body.</summary>
internal sealed class OutgoingMessage(string group, byte[] body)
{
    public string Group { get; } = group;

    public byte[] Body { get; } = body;

    /// <summary>Its place in the buffer's arrival order, while waiting.</summary>
    internal LinkedListNode<OutgoingMessage>? WaitingNode { get; set; }

    /// <summary>Its place in its group's queue, while waiting.</summary>
    internal LinkedListNode<OutgoingMessage>? GroupNode { get; set; }

    /// <summary>Its group's queue.</summary>
    internal GroupQueue? Queue { get; set; }
}
