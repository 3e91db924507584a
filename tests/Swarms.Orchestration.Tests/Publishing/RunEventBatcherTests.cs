using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Swarms.Agents.Streaming;
using Swarms.Orchestration.Publishing;
using Swarms.Orchestration.RunLog;
using Swarms.Orchestration.Tests.Support;
using Swarms.Testing;

namespace Swarms.Orchestration.Tests.Publishing;

/// <summary>
/// The process-wide batcher in front of the SignalR publishers: the batches of the agents of one run that are logged at
/// the same time reach such a publisher as one message, in sequence order; other publishers still get each batch at once.
/// </summary>
public sealed class RunEventBatcherTests : IDisposable
{
    private readonly TempDatabase _database = new("swarms-batcher");
    private readonly SqliteRunLog _log;

    public RunEventBatcherTests() => _log = new SqliteRunLog(_database.Path);

    public void Dispose()
    {
        _log.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task ThreeAgentsFlushingTogether_OneMessagePerRunCarryingEveryAgentsEventsInSeqOrder()
    {
        // No timer decides here: a window long enough never to elapse, so only "no append of the run in flight" publishes.
        var batcher = new RunEventBatcher(TimeSpan.FromHours(1), TimeProvider.System);
        var live = new LivePublisher();
        var local = new RecordingPublisher();
        var outlet = new RunEventOutlet(_log, [live, local], NullLogger<RunEventOutlet>.Instance, batcher);
        const string run = "run-batched";

        // A fourth append of the run is in flight (an agent still writing) while the three agents' batches are logged.
        batcher.Begin(run);
        var appends = new[] { "alpha", "beta", "gamma" }
            .Select(agent => Task.Run(() => outlet.AppendAsync(
                new RunLogBatch(run, [new TextDelta(agent, 1, $"{agent} says hi"), new TextDelta(agent, 1, " again")]) { Turn = 1 },
                CancellationToken.None)))
            .ToArray();
        await Task.WhenAll(appends);

        Assert.Equal(3, local.Batches.Count); // the in-process publisher is not held back
        Assert.Empty(live.Messages);          // the SignalR one waits for the run's appends in flight

        batcher.End(run);
        var message = await live.NextAsync();

        Assert.Equal(run, message.RunId);
        Assert.Equal(6, message.Events.Count);
        Assert.Equal([1L, 2, 3, 4, 5, 6], message.Events.Select(e => e.Seq));
        Assert.Equal(["alpha", "beta", "gamma"], message.Events.Cast<AgentEvent>().Select(e => e.Agent).Distinct().Order());
        Assert.Equal(message.Events.Select(e => e.Seq), (await _log.ReadAsync(run, 0)).Select(e => e.Seq));
        Assert.Equal(1, batcher.Publications);
    }

    [Fact]
    public async Task TwoRunsAtOnce_EachMessageHoldsOneRunsEventsOnly()
    {
        var batcher = new RunEventBatcher(TimeSpan.FromHours(1), TimeProvider.System);
        var live = new LivePublisher();
        var outlet = new RunEventOutlet(_log, [live], NullLogger<RunEventOutlet>.Instance, batcher);

        batcher.Begin("run-a");
        batcher.Begin("run-b");
        foreach (var (run, agent) in new[] { ("run-a", "alpha"), ("run-b", "alpha"), ("run-a", "beta"), ("run-b", "beta") })
        {
            await outlet.AppendAsync(new RunLogBatch(run, [new TextDelta(agent, 1, "x")]) { Turn = 1 }, CancellationToken.None);
        }

        batcher.End("run-a");
        batcher.End("run-b");
        var first = await live.NextAsync();
        var second = await live.NextAsync();

        Assert.Equal(["run-a", "run-b"], new[] { first.RunId, second.RunId }.Order());
        foreach (var message in new[] { first, second })
        {
            Assert.All(message.Events, e => Assert.Equal(message.RunId, e.RunId));
            Assert.Equal([1L, 2], message.Events.Select(e => e.Seq));
        }
    }

    [Fact]
    public async Task AnAppendThatNeverEnds_DoesNotHoldTheOthersBeyondTheWindow()
    {
        var batcher = new RunEventBatcher(TimeSpan.FromMilliseconds(50), TimeProvider.System);
        var live = new LivePublisher();
        var outlet = new RunEventOutlet(_log, [live], NullLogger<RunEventOutlet>.Instance, batcher);

        batcher.Begin("run-stuck"); // never ended
        await outlet.AppendAsync(new RunLogBatch("run-stuck", [new AgentStarted("alpha", 1, 1)]) { Turn = 1 }, CancellationToken.None);

        var message = await live.NextAsync();
        Assert.Equal([1L], message.Events.Select(e => e.Seq));
    }

    /// <summary>A SignalR-like publisher: batched per run.</summary>
    private sealed class LivePublisher : IRunEventPublisher
    {
        private readonly ConcurrentQueue<(string RunId, IReadOnlyList<SwarmEvent> Events)> _messages = new();
        private readonly SemaphoreSlim _arrived = new(0);

        public IReadOnlyList<(string RunId, IReadOnlyList<SwarmEvent> Events)> Messages => [.. _messages];

        public bool BatchesPerRun => true;

        public ValueTask PublishAsync(string runId, IReadOnlyList<SwarmEvent> events, CancellationToken cancellationToken)
        {
            _messages.Enqueue((runId, [.. events]));
            _arrived.Release();
            return default;
        }

        private int _taken;

        public async Task<(string RunId, IReadOnlyList<SwarmEvent> Events)> NextAsync()
        {
            Assert.True(await _arrived.WaitAsync(TimeSpan.FromSeconds(30)), "no live message was published");
            return _messages.ElementAt(_taken++);
        }
    }
}
