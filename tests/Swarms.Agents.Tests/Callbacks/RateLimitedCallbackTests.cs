using Microsoft.Extensions.Time.Testing;
using Swarms.Agents.Callbacks;
using Swarms.Agents.Tests.Support;

namespace Swarms.Agents.Tests.Callbacks;

public class RateLimitedCallbackTests
{
    [Fact]
    public void OnToken_WithinInterval_CoalescedIntoTheNextCallNeverDropped()
    {
        var time = new FakeTimeProvider();
        var calls = new List<string>();
        var limited = new RateLimitedCallback(calls.Add, TimeSpan.FromMilliseconds(100), time);

        limited.OnToken("a");          // first token goes out at once
        limited.OnToken("b");
        time.Advance(TimeSpan.FromMilliseconds(50));
        limited.OnToken("c");
        Assert.Equal(["a"], calls);

        time.Advance(TimeSpan.FromMilliseconds(50));
        limited.OnToken("d");          // 100 ms after the last call: b, c and d together
        limited.OnToken("e");
        Assert.Equal(["a", "bcd"], calls);

        limited.Flush();
        Assert.Equal(["a", "bcd", "e"], calls);
        Assert.Equal(3, limited.Calls);
    }

    [Fact]
    public async Task RunAsync_LongInterval_FirstTokenThenTheRestAtTheEnd()
    {
        var calls = new List<string>();
        var limited = StreamingCallbacks.RateLimited(calls.Add, TimeSpan.FromHours(1));

        var answer = await new Agent(TestAgents.Options()).RunAsync(TestAgents.Task, limited);

        Assert.Equal(2, calls.Count);
        Assert.Equal(answer, string.Concat(calls));
    }

    [Fact]
    public async Task RunAsync_PacedModel_FewerCallsThanTokensAndTheSameText()
    {
        var calls = new List<string>();
        var tokens = new List<string>();
        var limited = new RateLimitedCallback(calls.Add, TimeSpan.FromMilliseconds(50));
        var options = TestAgents.Options(TestAgents.Local(tokensPerSecond: 400));
        options.StreamingCallback = tokens.Add;

        var answer = await new Agent(options).RunAsync(TestAgents.Task, limited);

        Assert.Equal(answer, string.Concat(calls));
        Assert.InRange(calls.Count, 2, tokens.Count / 3);
    }
}
