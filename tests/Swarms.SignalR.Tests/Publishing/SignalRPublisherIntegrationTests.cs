using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Time.Testing;
using Swarms.SignalR.Tests.Fakes;
using Swarms.SignalR.Tests.Support;

namespace Swarms.SignalR.Tests.Publishing;

/// <summary>
/// The publisher against the fake service: what the service received and accepted, and the counters. No assertion
/// is on elapsed time; waits are for conditions (a request reaching the server), with a safety limit.
/// </summary>
public sealed class SignalRPublisherIntegrationTests : IAsyncLifetime
{
    private static readonly Task Never = new TaskCompletionSource().Task;
    private FakeSignalRService _service = null!;
    private readonly CapturingLogger _logger = new();
    private readonly ConcurrentQueue<TimeSpan> _waits = new();

    public async Task InitializeAsync() => _service = await FakeSignalRService.StartAsync();

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task Publish_ManyGroups_EachGroupDeliveredCompleteAndInOrder()
    {
        await using var publisher = Publisher();

        for (var seq = 0; seq < 40; seq++)
        {
            publisher.Publish($"run-{seq % 4}", "events", new { seq });
        }

        await publisher.FlushAsync();

        for (var group = 0; group < 4; group++)
        {
            Assert.Equal(
                Enumerable.Range(0, 40).Where(s => s % 4 == group).Select(s => $$"""{"seq":{{s}}}"""),
                _service.DeliveredTo($"run-{group}"));
        }

        Assert.Equal(new SignalRPublisherCounters(Published: 40, Sent: 40, Retried: 0, Dropped: 0, Failed: 0, Pending: 0), publisher.Counters);
        Assert.All(_service.Calls, c => Assert.Empty(c.Problems));
    }

    [Fact]
    public async Task Publish_WhileAGroupsSendIsInFlight_ItsNextWaitsAndOtherGroupsGoOn()
    {
        var release = new TaskCompletionSource();
        _service.Enqueue(FakeBehavior.Hold(release.Task));
        await using var publisher = Publisher();

        publisher.Publish("run-a", "events", 1);
        await Eventually.TrueAsync(() => _service.Calls.Count == 1, "the first send of run-a reached the service");
        publisher.Publish("run-a", "events", 2);
        publisher.Publish("run-a", "events", 3);
        publisher.Publish("run-b", "events", 1);
        await Eventually.TrueAsync(() => _service.DeliveredTo("run-b").Count == 1, "run-b was delivered");
        var runASendsWhileHeld = _service.Calls.Count(c => c.RawPath.Contains("/run-a/", StringComparison.Ordinal));
        release.SetResult();
        await publisher.FlushAsync();

        Assert.Equal(1, runASendsWhileHeld);
        Assert.Equal(["1", "2", "3"], _service.DeliveredTo("run-a"));
    }

    [Fact]
    public async Task Publish_TransientFailures_RetriedAndEveryGroupStillInOrder()
    {
        _service.Enqueue(
            FakeBehavior.Status(HttpStatusCode.InternalServerError),
            FakeBehavior.Normal,
            FakeBehavior.Status(HttpStatusCode.TooManyRequests, retryAfterSeconds: 0),
            FakeBehavior.Abort,
            FakeBehavior.Status(HttpStatusCode.ServiceUnavailable),
            FakeBehavior.Normal,
            FakeBehavior.Status(HttpStatusCode.BadGateway),
            FakeBehavior.Status(HttpStatusCode.RequestTimeout));
        await using var publisher = Publisher(o => o.MaxAttempts = 10);

        for (var seq = 0; seq < 30; seq++)
        {
            publisher.Publish($"run-{seq % 3}", "events", new { seq });
        }

        await publisher.FlushAsync();

        for (var group = 0; group < 3; group++)
        {
            Assert.Equal(
                Enumerable.Range(0, 30).Where(s => s % 3 == group).Select(s => $$"""{"seq":{{s}}}"""),
                _service.DeliveredTo($"run-{group}"));
        }

        var counters = publisher.Counters;
        Assert.Equal(30, counters.Sent);
        Assert.Equal(6, counters.Retried);
        Assert.Equal(0, counters.Failed);
        Assert.Equal(36, _service.Calls.Count);
    }

    [Fact]
    public async Task Publish_TooManyRequestsWithRetryAfter_WaitsWhatTheServiceSays()
    {
        _service.Enqueue(
            FakeBehavior.Status(HttpStatusCode.TooManyRequests, retryAfterSeconds: 7),
            FakeBehavior.Status(HttpStatusCode.ServiceUnavailable, retryAfterSeconds: 3));
        await using var publisher = Publisher(o => o.MaxBackoff = TimeSpan.FromSeconds(30), recordWaits: true);

        publisher.Publish("run-1", "events", 1);
        await publisher.FlushAsync();

        Assert.Equal([TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(3)], _waits);
        Assert.Equal(["1"], _service.DeliveredTo("run-1"));
        Assert.Equal(2, publisher.Counters.Retried);
    }

    [Fact]
    public async Task Publish_RetryAfterAsHttpDate_Honoured()
    {
        // One clock for the service and the client, on a whole second: an HTTP date 20 s ahead is a 20 s wait.
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        await using var service = await FakeSignalRService.StartAsync(clock);
        service.Enqueue(FakeBehavior.Status(HttpStatusCode.TooManyRequests, retryAfterSeconds: 20, asDate: true));
        var client = TestSettings.Client(TestSettings.Options(service, o => o.MaxBackoff = TimeSpan.FromSeconds(60)), clock);
        await using var publisher = new SignalRPublisher(client, _logger, clock, RecordWait, () => 0.5);

        publisher.Publish("run-1", "events", 1);
        await publisher.FlushAsync();

        Assert.Equal([TimeSpan.FromSeconds(20)], _waits);
        Assert.Equal(["1"], service.DeliveredTo("run-1"));
    }

    [Fact]
    public async Task Publish_RetryAfterBeyondMaxBackoff_CappedAtMaxBackoff()
    {
        _service.Enqueue(FakeBehavior.Status(HttpStatusCode.TooManyRequests, retryAfterSeconds: 3600));
        await using var publisher = Publisher(o => o.MaxBackoff = TimeSpan.FromSeconds(10), recordWaits: true);

        publisher.Publish("run-1", "events", 1);
        await publisher.FlushAsync();

        Assert.Equal([TimeSpan.FromSeconds(10)], _waits);
    }

    [Fact]
    public async Task Publish_ServerErrorsWithoutRetryAfter_ExponentialBackoffWithJitter()
    {
        _service.Enqueue(
            FakeBehavior.Status(HttpStatusCode.InternalServerError),
            FakeBehavior.Status(HttpStatusCode.InternalServerError),
            FakeBehavior.Status(HttpStatusCode.InternalServerError));
        await using var publisher = Publisher(
            o =>
            {
                o.InitialBackoff = TimeSpan.FromSeconds(1);
                o.MaxBackoff = TimeSpan.FromSeconds(3);
            },
            recordWaits: true);

        publisher.Publish("run-1", "events", 1);
        await publisher.FlushAsync();

        // Jitter source fixed at 0.5: half the backoff fixed plus a quarter; 1 s, 2 s, then capped at 3 s.
        Assert.Equal([TimeSpan.FromSeconds(0.75), TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(2.25)], _waits);
        Assert.Equal(1, publisher.Counters.Sent);
    }

    [Fact]
    public async Task Publish_ServiceKeepsFailing_GivesUpAfterMaxAttemptsAndLogsOnceThenRecovery()
    {
        _service.DefaultBehavior = FakeBehavior.Status(HttpStatusCode.InternalServerError);
        await using var publisher = Publisher(o => o.MaxAttempts = 3);

        publisher.Publish("run-1", "events", 1);
        publisher.Publish("run-1", "events", 2);
        await publisher.FlushAsync();
        _service.DefaultBehavior = FakeBehavior.Normal;
        publisher.Publish("run-1", "events", 3);
        await publisher.FlushAsync();

        Assert.Equal(7, _service.Calls.Count);
        Assert.Equal(["3"], _service.DeliveredTo("run-1"));
        var counters = publisher.Counters;
        Assert.Equal((1L, 4L, 2L, 0L), (counters.Sent, counters.Retried, counters.Failed, counters.Dropped));
        var gaveUp = Assert.Single(_logger.Entries, e => e.EventId == 1);
        Assert.Contains("run-1", gaveUp.Message, StringComparison.Ordinal);
        Assert.Contains("3 attempt(s)", gaveUp.Message, StringComparison.Ordinal);
        Assert.Contains("2 message(s)", Assert.Single(_logger.Entries, e => e.EventId == 2).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.RequestEntityTooLarge)]
    public async Task Publish_PermanentRefusal_NotRetriedAndTheGroupMovesOn(HttpStatusCode status)
    {
        _service.Enqueue(FakeBehavior.Status(status));
        await using var publisher = Publisher();

        publisher.Publish("run-1", "events", 1);
        publisher.Publish("run-1", "events", 2);
        await publisher.FlushAsync();

        Assert.Equal(2, _service.Calls.Count);
        Assert.Equal(["2"], _service.DeliveredTo("run-1"));
        Assert.Equal((1L, 0L, 1L), (publisher.Counters.Sent, publisher.Counters.Retried, publisher.Counters.Failed));
    }

    [Fact]
    public async Task Publish_NoAnswerWithinAttemptTimeout_RetriedAndDelivered()
    {
        _service.Enqueue(FakeBehavior.Hold(Never));
        await using var publisher = Publisher(o => o.AttemptTimeout = TimeSpan.FromMilliseconds(300));

        publisher.Publish("run-1", "events", 1);
        await publisher.FlushAsync();

        Assert.Equal(2, _service.Calls.Count);
        Assert.Equal(["1"], _service.DeliveredTo("run-1"));
        Assert.Equal((1L, 1L), (publisher.Counters.Sent, publisher.Counters.Retried));
    }

    [Fact]
    public async Task Publish_ConnectionClosedWithoutAnswer_RetriedAndDelivered()
    {
        _service.Enqueue(FakeBehavior.Abort, FakeBehavior.Abort);
        await using var publisher = Publisher();

        publisher.Publish("run-1", "events", 1);
        await publisher.FlushAsync();

        Assert.Equal(["1"], _service.DeliveredTo("run-1"));
        Assert.Equal((1L, 2L), (publisher.Counters.Sent, publisher.Counters.Retried));
    }

    [Fact]
    public async Task Publish_BufferFull_DropsTheOldestWaitingAndCountsThem()
    {
        var release = new TaskCompletionSource();
        _service.Enqueue(FakeBehavior.Hold(release.Task));
        await using var publisher = Publisher(o => o.Capacity = 5);

        publisher.Publish("run-1", "events", 0);
        await Eventually.TrueAsync(() => _service.Calls.Count == 1, "the first send reached the service");
        for (var seq = 1; seq <= 10; seq++)
        {
            publisher.Publish("run-1", "events", seq);
        }

        var whileHeld = publisher.Counters;
        release.SetResult();
        await publisher.FlushAsync();

        Assert.Equal((11L, 5L, 6L), (whileHeld.Published, whileHeld.Dropped, whileHeld.Pending));
        Assert.Equal(["0", "6", "7", "8", "9", "10"], _service.DeliveredTo("run-1"));
        Assert.Equal((6L, 5L, 0L), (publisher.Counters.Sent, publisher.Counters.Dropped, publisher.Counters.Pending));
        Assert.Single(_logger.Entries, e => e.EventId == 3);
    }

    [Fact]
    public async Task Publish_ServiceStalled_NeverBlocksAndMemoryStaysBounded()
    {
        _service.DefaultBehavior = FakeBehavior.Hold(Never);
        var publisher = Publisher(o =>
        {
            o.Capacity = 100;
            o.MaxConcurrentSends = 4;
            o.ShutdownTimeout = TimeSpan.FromMilliseconds(100);
        });

        // Every call returns although no send ever completes; nothing here is awaited.
        for (var seq = 0; seq < 10_000; seq++)
        {
            publisher.Publish($"run-{seq % 50}", "events", seq);
        }

        var counters = publisher.Counters;
        await Eventually.TrueAsync(() => _service.Calls.Count >= 1, "a send reached the service");
        Assert.Equal(10_000, counters.Published);
        Assert.Equal(0, counters.Sent);
        Assert.InRange(counters.Pending, 100, 104);
        Assert.Equal(10_000 - counters.Pending, counters.Dropped);

        await publisher.DisposeAsync();

        Assert.InRange(_service.Calls.Count, 1, 4);
        Assert.Equal((0L, 10_000L, 0L), (publisher.Counters.Sent, publisher.Counters.Dropped, publisher.Counters.Pending));
    }

    [Fact]
    public async Task Publish_ServiceUnreachable_NeverThrowsAndGivesUp()
    {
        var options = TestSettings.Options(_service, o => o.MaxAttempts = 2);
        options.ConnectionString = $"Endpoint=http://127.0.0.1:1;AccessKey={TestSettings.AccessKey};Version=1.0;";
        await using var publisher = new SignalRPublisher(TestSettings.Client(options), _logger, TimeProvider.System, null, null);

        publisher.Publish("run-1", "events", 1);
        await publisher.FlushAsync();

        Assert.Equal((0L, 1L, 1L), (publisher.Counters.Sent, publisher.Counters.Retried, publisher.Counters.Failed));
        Assert.Contains("could not be reached", Assert.Single(_logger.Entries, e => e.EventId == 1).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_CredentialThrowsItsOwnException_SenderSurvivesAndGroupMovesOn()
    {
        var failures = 2;
        _service.AcceptEntraToken("flaky-token");
        var options = TestSettings.Options(_service, o => o.MaxAttempts = 2);
        options.ConnectionString = $"Endpoint=http://127.0.0.1;Port={_service.Port};AuthType=azure.msi;Version=1.0;";
        options.Credential = new DelegateCredential(() => Interlocked.Decrement(ref failures) >= 0
            ? throw new InvalidOperationException("identity endpoint hiccup")
            : "flaky-token");
        await using var publisher = new SignalRPublisher(TestSettings.Client(options), _logger, TimeProvider.System, null, null);

        publisher.Publish("run-1", "events", 1);
        await publisher.FlushAsync();
        publisher.Publish("run-1", "events", 2);
        await publisher.FlushAsync();

        Assert.Equal(["2"], _service.DeliveredTo("run-1"));
        Assert.Equal((1L, 1L, 1L), (publisher.Counters.Sent, publisher.Counters.Retried, publisher.Counters.Failed));
        Assert.Contains("identity endpoint hiccup", Assert.Single(_logger.Entries, e => e.EventId == 1).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisposeAsync_MessagesWaiting_FlushedBeforeItReturns()
    {
        var publisher = Publisher();
        for (var seq = 0; seq < 20; seq++)
        {
            publisher.Publish("run-1", "events", seq);
        }

        await publisher.DisposeAsync();

        Assert.Equal(Enumerable.Range(0, 20).Select(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture)), _service.DeliveredTo("run-1"));
        Assert.Equal((20L, 0L), (publisher.Counters.Sent, publisher.Counters.Dropped));
    }

    [Fact]
    public async Task DisposeAsync_ServiceStalledPastDeadline_DropsTheRestAndLogsOnce()
    {
        _service.DefaultBehavior = FakeBehavior.Hold(Never);
        var publisher = Publisher(o => o.ShutdownTimeout = TimeSpan.FromMilliseconds(200));
        publisher.Publish("run-1", "events", 1);
        publisher.Publish("run-1", "events", 2);
        publisher.Publish("run-1", "events", 3);

        await publisher.DisposeAsync();
        publisher.Publish("run-1", "events", 4);
        await publisher.DisposeAsync();

        Assert.Empty(_service.Delivered);
        Assert.Equal(new SignalRPublisherCounters(4, 0, 0, 4, 0, 0), publisher.Counters);
        Assert.Contains("3 live SignalR message(s)", Assert.Single(_logger.Entries, e => e.EventId == 5).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_PayloadThatCannotBeSerialised_CountedAsFailedNotThrown()
    {
        await using var publisher = Publisher();
        var cyclic = new Node();
        cyclic.Next = cyclic;

        publisher.Publish("run-1", "events", cyclic);
        publisher.Publish("run-1", "events", 2);
        await publisher.FlushAsync();

        Assert.Equal(["2"], _service.DeliveredTo("run-1"));
        Assert.Equal((1L, 1L), (publisher.Counters.Sent, publisher.Counters.Failed));
        Assert.Single(_logger.Entries, e => e.EventId == 4);
    }

    private SignalRPublisher Publisher(Action<SignalRPublisherOptions>? configure = null, bool recordWaits = false)
    {
        var client = TestSettings.Client(TestSettings.Options(_service, configure));
        return new SignalRPublisher(client, _logger, TimeProvider.System, recordWaits ? RecordWait : null, () => 0.5);
    }

    /// <summary>Stands in for the wait before a retry: records it and returns at once.</summary>
    private Task RecordWait(TimeSpan wait, CancellationToken cancellationToken)
    {
        _waits.Enqueue(wait);
        return Task.CompletedTask;
    }

    private sealed class Node
    {
        public Node? Next { get; set; }
    }
}
