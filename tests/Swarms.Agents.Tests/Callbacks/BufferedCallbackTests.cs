using Swarms.Agents.Callbacks;
using Swarms.Agents.Tests.Support;

namespace Swarms.Agents.Tests.Callbacks;

public class BufferedCallbackTests
{
    [Fact]
    public void OnToken_BelowMinimum_HoldsUntilEnoughThenFlushDeliversTail()
    {
        var chunks = new List<string>();
        var buffered = new BufferedCallback(chunks.Add, minChunkSize: 5);

        buffered.OnToken("ab");
        buffered.OnToken("cd");
        Assert.Empty(chunks);
        buffered.OnToken("ef");
        buffered.OnToken("g");
        Assert.Equal(["abcdef"], chunks);
        Assert.Equal(1, buffered.Pending);

        buffered.Flush();
        buffered.Flush();
        Assert.Equal(["abcdef", "g"], chunks);
    }

    [Fact]
    public async Task RunAsync_HelperAsSink_AgentFlushesTheTailWithoutAnExplicitFlush()
    {
        var chunks = new List<string>();
        var buffered = StreamingCallbacks.Buffered(chunks.Add, minChunkSize: 50);

        var answer = await new Agent(TestAgents.Options()).RunAsync(TestAgents.Task, buffered);

        Assert.Equal(answer, string.Concat(chunks));
        Assert.All(chunks.SkipLast(1), c => Assert.True(c.Length >= 50));
        Assert.True(chunks[^1].Length > 0);
        Assert.Equal(0, buffered.Pending);
    }

    [Fact]
    public async Task RunAsync_MethodGroupAsPlainCallback_TailWaitsForAnExplicitFlush()
    {
        var chunks = new List<string>();
        using var buffered = new BufferedCallback(chunks.Add, minChunkSize: 1000);

        var answer = await new Agent(TestAgents.Options()).RunAsync(TestAgents.Task, buffered.OnToken);
        Assert.Empty(chunks);
        buffered.Flush();

        Assert.Equal([answer], chunks);
    }

    [Fact]
    public async Task RunAsync_Lambda_DisposeDeliversTheTail()
    {
        var chunks = new List<string>();
        string answer;
        using (var buffered = new BufferedCallback(chunks.Add, minChunkSize: 1000))
        {
            answer = await new Agent(TestAgents.Options()).RunAsync(TestAgents.Task, t => buffered.OnToken(t));
            Assert.Empty(chunks);
        }

        Assert.Equal([answer], chunks);
    }

    [Fact]
    public async Task RunAsync_Cancelled_TextReceivedSoFarIsStillDelivered()
    {
        var chunks = new List<string>();
        var buffered = new BufferedCallback(chunks.Add, minChunkSize: 10_000);
        var tokens = new List<string>();
        using var cts = new CancellationTokenSource();
        var options = TestAgents.Options();
        options.StreamingCallback = t =>
        {
            tokens.Add(t);
            if (tokens.Count == 5)
            {
                cts.Cancel();
            }
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => new Agent(options).RunAsync(TestAgents.Task, buffered, cts.Token));

        Assert.Equal([string.Concat(tokens)], chunks);
        Assert.Equal(5, tokens.Count);
    }
}
