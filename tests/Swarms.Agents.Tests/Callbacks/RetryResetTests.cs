using Microsoft.Extensions.Logging;
using Swarms.Agents.Callbacks;
using Swarms.Agents.Streaming;
using Swarms.Agents.Tests.Support;

namespace Swarms.Agents.Tests.Callbacks;

/// <summary>
/// The reset rule: a model call cut after some of its text went out is made again, and every consumer of this
/// library ends with exactly the final answer (the local model answers the same text each time, so text of the cut
/// attempt handed on would show up twice).
/// </summary>
public sealed class RetryResetTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("swarms-reset-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>The local model, its first stream cut after 15 updates: attempt 2 answers the same text in full.</summary>
    private static Agent CutOnce(ILoggerFactory? logs = null)
    {
        var options = TestAgents.Options(new CountingChatClient(TestAgents.Local()) { CutCallAfter = call => call == 1 ? 15 : null });
        options.LoggerFactory = logs;
        return new Agent(options);
    }

    [Fact]
    public async Task BufferedCallback_StreamCutAndRetried_ReceiverHonouringResetEndsWithExactlyTheAnswer()
    {
        var received = new List<string>();
        int resets = 0;
        var buffered = StreamingCallbacks.Buffered(received.Add, minChunkSize: 20, onReset: () => { resets++; received.Clear(); });

        var answer = await CutOnce().RunAsync(TestAgents.Task, buffered);

        Assert.Equal(1, resets);
        Assert.Equal(answer, string.Concat(received));
    }

    [Fact]
    public async Task RateLimitedCallback_StreamCutAndRetried_HeldBackTextOfTheCutCallIsDropped()
    {
        var received = new List<string>();
        var limited = StreamingCallbacks.RateLimited(received.Add, TimeSpan.FromHours(1), onReset: received.Clear);

        var answer = await CutOnce().RunAsync(TestAgents.Task, limited);

        Assert.Equal(answer, string.Concat(received));
    }

    [Fact]
    public async Task FileStreamLogger_StreamCutAndRetried_FileSpellsExactlyTheAnswer()
    {
        var path = Path.Combine(_dir, "stream.log");
        string answer;
        await using (var log = StreamingCallbacks.ToFile(path))
        {
            answer = await CutOnce().RunAsync(TestAgents.Task, log);
            Assert.Equal(File.ReadAllLines(path).Length, log.LinesWritten);
        }

        var text = string.Concat(File.ReadAllLines(path).Select(l => System.Text.RegularExpressions.Regex.Unescape(l[26..^1])));
        Assert.Equal(answer, text);
    }

    [Fact]
    public async Task TokenInfoCallback_StreamCutAndRetried_GetsAResetChunkThenTheNewAttemptFromIndexZero()
    {
        var chunks = new List<TokenInfo>();

        var answer = await CutOnce().RunAsync(TestAgents.Task, chunks.Add);

        var reset = Assert.Single(chunks, c => c.IsReset);
        int at = chunks.IndexOf(reset);
        Assert.Equal(2, reset.Attempt);
        Assert.All(chunks[..at], c => Assert.Equal(1, c.Attempt));
        Assert.Equal(0, chunks[at + 1].Index);
        Assert.Equal(answer, string.Concat(chunks[(at + 1)..].Select(c => c.Content)));
    }

    [Fact]
    public async Task PlainCallback_StreamCutAndRetried_IsLiveAndTheRestartIsLoggedAsAWarning()
    {
        var logs = new CapturingLoggerFactory();
        var tokens = new List<string>();

        var answer = await CutOnce(logs).RunAsync(TestAgents.Task, tokens.Add);

        // A plain callback cannot take text back: it saw the cut attempt, then the whole answer...
        Assert.EndsWith(answer, string.Concat(tokens), StringComparison.Ordinal);
        Assert.NotEqual(answer, string.Concat(tokens));
        // ...and it is told so, once, naming the agent.
        var warning = Assert.Single(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("plain token callback", StringComparison.Ordinal));
        Assert.Contains("Agent Analyst", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunStreamingAsync_StreamCutAndRetried_EventsCarryTheResetAndTheFinalAnswerOnce()
    {
        var events = new List<SwarmEvent>();
        await foreach (var e in CutOnce().RunStreamingAsync(TestAgents.Task))
        {
            events.Add(e);
        }

        var completed = Assert.IsType<AgentCompleted>(events[^1]);
        Assert.Equal([1, 2], events.OfType<AgentStarted>().Select(s => s.Attempt));
        Assert.Equal(completed.Output, string.Concat(events.OfType<TextDelta>().Where(d => d.Attempt == 2).Select(d => d.Delta)));
    }
}
