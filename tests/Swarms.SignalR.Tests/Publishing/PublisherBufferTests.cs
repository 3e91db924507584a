using System.Text;
using Swarms.SignalR.Publishing;

namespace Swarms.SignalR.Tests.Publishing;

public sealed class PublisherBufferTests
{
    [Fact]
    public void TryTake_OneGroup_InOrderAndOneInFlightAtATime()
    {
        var buffer = new PublisherBuffer(10);
        buffer.Add(Message("a", "1"));
        buffer.Add(Message("a", "2"));

        Assert.True(buffer.TryTake(out var first));
        Assert.False(buffer.TryTake(out _));
        buffer.Complete(first);
        Assert.True(buffer.TryTake(out var second));

        Assert.Equal(["1", "2"], [Text(first), Text(second)]);
    }

    [Fact]
    public void TryTake_TwoGroups_BothInFlightTogether()
    {
        var buffer = new PublisherBuffer(10);
        buffer.Add(Message("a", "a1"));
        buffer.Add(Message("a", "a2"));
        buffer.Add(Message("b", "b1"));

        Assert.True(buffer.TryTake(out var a1));
        Assert.True(buffer.TryTake(out var b1));
        Assert.False(buffer.TryTake(out _));

        Assert.Equal(["a1", "b1"], [Text(a1), Text(b1)]);
        Assert.Equal((1, 2), (buffer.Waiting, buffer.InFlight));
    }

    [Fact]
    public void Add_Full_EvictsTheOldestWaitingOfAnyGroup()
    {
        var buffer = new PublisherBuffer(3);
        buffer.Add(Message("a", "a1"));
        buffer.Add(Message("b", "b1"));
        buffer.Add(Message("a", "a2"));

        var evicted = buffer.Add(Message("b", "b2"));

        Assert.Equal("a1", Text(evicted!));
        Assert.Equal(3, buffer.Waiting);
        Assert.True(buffer.TryTake(out var next));
        Assert.True(buffer.TryTake(out var other));
        Assert.Equal(["a2", "b1"], new[] { Text(next), Text(other) }.Order());
    }

    [Fact]
    public void Add_FullWithOneInFlight_InFlightIsNotEvicted()
    {
        var buffer = new PublisherBuffer(1);
        buffer.Add(Message("a", "1"));
        Assert.True(buffer.TryTake(out var inFlight));

        buffer.Add(Message("a", "2"));
        var evicted = buffer.Add(Message("a", "3"));

        Assert.Equal("2", Text(evicted!));
        buffer.Complete(inFlight);
        Assert.True(buffer.TryTake(out var next));
        Assert.Equal("3", Text(next));
    }

    [Fact]
    public void Complete_LastMessage_GroupForgotten()
    {
        var buffer = new PublisherBuffer(10);
        buffer.Add(Message("a", "1"));
        Assert.True(buffer.TryTake(out var message));

        buffer.Complete(message);

        Assert.Equal((0, 0, 0), (buffer.Waiting, buffer.InFlight, buffer.Groups));
    }

    [Fact]
    public void Add_GroupEmptiedByEviction_SkippedAndForgotten()
    {
        var buffer = new PublisherBuffer(1);
        buffer.Add(Message("a", "1"));
        buffer.Add(Message("b", "2"));

        Assert.True(buffer.TryTake(out var message));
        Assert.Equal("2", Text(message));
        Assert.False(buffer.TryTake(out _));
        Assert.Equal(1, buffer.Groups);
    }

    [Fact]
    public void DropAllWaiting_LeavesInFlightAlone()
    {
        var buffer = new PublisherBuffer(10);
        buffer.Add(Message("a", "1"));
        buffer.Add(Message("a", "2"));
        buffer.Add(Message("b", "3"));
        Assert.True(buffer.TryTake(out var inFlight));

        Assert.Equal(2, buffer.DropAllWaiting());

        Assert.Equal((0, 1), (buffer.Waiting, buffer.InFlight));
        buffer.Complete(inFlight);
        Assert.False(buffer.TryTake(out _));
        Assert.Equal(0, buffer.Groups);
    }

    private static OutgoingMessage Message(string group, string text) => new(group, Encoding.UTF8.GetBytes(text));

    private static string Text(OutgoingMessage message) => Encoding.UTF8.GetString(message.Body);
}
