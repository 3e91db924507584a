namespace Swarms.SignalR.Publishing;

/// <summary>The waiting messages of one group, in order, and whether one of its messages is being sent.</summary>
internal sealed class GroupQueue(string name)
{
    public string Name { get; } = name;

    public LinkedList<OutgoingMessage> Messages { get; } = new();

    /// <summary>A message of this group is being sent: no other may be taken until it completes.</summary>
    public bool InFlight { get; set; }

    /// <summary>The group is in the buffer's ready queue.</summary>
    public bool Ready { get; set; }
}
