using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Swarms.SignalR.Publishing;

namespace Swarms.SignalR;

/// <summary>
/// Sends live messages to SignalR groups through the REST API without ever blocking or failing its caller: an agent's
/// token stream calls <see cref="Publish"/> and goes on at once, whatever the service does.
/// </summary>
/// <remarks>
/// <para>Guarantees: messages of one group are delivered in the order they were published (one in flight per group;
/// different groups are sent concurrently, up to <see cref="SignalRPublisherOptions.MaxConcurrentSends"/>). A message
/// that meets a timeout, a closed connection, 401, 408, 429 or 5xx is retried with exponential backoff and jitter,
/// honouring <c>Retry-After</c>, up to <see cref="SignalRPublisherOptions.MaxAttempts"/> attempts; then it is given
/// up, logged once per run of failures, and its group moves on.</para>
/// <para>What it does not guarantee: delivery. The buffer is bounded (<see cref="SignalRPublisherOptions.Capacity"/>):
/// when full, the oldest waiting message is dropped and counted. That is acceptable because every event is also in
/// the persisted run log, from which a client catches up (<c>POST /api/runs/{id}/subscribe {after}</c>); the
/// live channel is best effort by design.</para>
/// <para>It sends what it is given. Coalescing tokens into one message per ~50 ms happens upstream; publishing one
/// message per token would exhaust the service's message quota.</para>
/// <para>Dispose it (or let the host stop it; <c>AddAzureSignalRRest</c> registers that) to flush: waiting messages
/// get <see cref="SignalRPublisherOptions.ShutdownTimeout"/> to go out, the rest are dropped and counted.</para>
/// </remarks>
public sealed partial class SignalRPublisher : IAsyncDisposable, IDisposable
{
    private readonly SignalRRestClient _client;
    private readonly SignalRPublisherOptions _options;
    private readonly JsonSerializerOptions _serializerOptions;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Func<TimeSpan, CancellationToken, Task> _delay;
    private readonly Func<double> _random;
    private readonly PublisherBuffer _buffer;
    private readonly System.Diagnostics.Metrics.Meter _meter;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _workersExited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource? _idle;
    private int _activeWorkers;
    private bool _closed;
    private Task? _shutdown;
    private bool _overflowing;
    private long _published;
    private long _sent;
    private long _retried;
    private long _dropped;
    private long _failed;

    /// <summary>Creates a publisher over a REST client, with the client's <see cref="SignalRRestOptions.Publisher"/> settings.</summary>
    /// <param name="client">The REST client.</param>
    /// <param name="logger">A logger, or <see langword="null"/>.</param>
    public SignalRPublisher(SignalRRestClient client, ILogger<SignalRPublisher>? logger = null)
        : this(client, logger, TimeProvider.System, delay: null, random: null)
    {
    }

    /// <summary>Creates a publisher; tests replace the clock, the waits between retries and the jitter.</summary>
    internal SignalRPublisher(
        SignalRRestClient client,
        ILogger? logger,
        TimeProvider time,
        Func<TimeSpan, CancellationToken, Task>? delay,
        Func<double>? random)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _options = client.Options.Publisher.Clone();
        _options.Validate();
        _serializerOptions = client.Options.SerializerOptions;
        _logger = logger ?? NullLogger.Instance;
        _time = time;
        _delay = delay ?? ((wait, token) => Task.Delay(wait, _time, token));
        _random = random ?? Random.Shared.NextDouble;
        _buffer = new PublisherBuffer(_options.Capacity);
        _meter = CreateMeter();
    }

    /// <summary>What the publisher has done so far; cheap, safe from any thread.</summary>
    public SignalRPublisherCounters Counters
    {
        get
        {
            long pending;
            lock (_gate)
            {
                pending = _buffer.Waiting + _buffer.InFlight;
            }

            return new SignalRPublisherCounters(
                Interlocked.Read(ref _published),
                Interlocked.Read(ref _sent),
                Interlocked.Read(ref _retried),
                Interlocked.Read(ref _dropped),
                Interlocked.Read(ref _failed),
                pending);
        }
    }

    /// <summary>
    /// Queues <c>target(payload)</c> for every connection in <paramref name="group"/> and returns at once. Never
    /// throws for anything the service does; after shutdown began, the message is dropped and counted.
    /// </summary>
    /// <param name="group">The group, e.g. one run's group.</param>
    /// <param name="target">The client method, e.g. <c>events</c>.</param>
    /// <param name="payload">The single argument, serialised now (later changes to it are not sent).</param>
    public void Publish(string group, string target, object? payload)
    {
        ArgumentException.ThrowIfNullOrEmpty(group);
        ArgumentException.ThrowIfNullOrEmpty(target);
        Interlocked.Increment(ref _published);
        byte[] body;
        try
        {
            body = InvocationBody.Serialize(target, [payload], _serializerOptions);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            Interlocked.Increment(ref _failed);
            _logger.PublishSerializationFailed(group, target, ex);
            return;
        }

        OutgoingMessage? evicted;
        bool startWorker;
        lock (_gate)
        {
            if (_closed)
            {
                Interlocked.Increment(ref _dropped);
                return;
            }

            evicted = _buffer.Add(new OutgoingMessage(group, body));
            startWorker = _activeWorkers < _options.MaxConcurrentSends && _buffer.HasReady;
            if (startWorker)
            {
                _activeWorkers++;
            }

            if (evicted is not null && !_overflowing)
            {
                _overflowing = true;
                _logger.PublishBufferFull(_options.Capacity);
            }
        }

        if (evicted is not null)
        {
            Interlocked.Increment(ref _dropped);
        }

        if (startWorker)
        {
            // On the thread pool: the caller's thread never runs a send.
            _ = Task.Run(RunWorkerAsync);
        }
    }

    /// <summary>
    /// Completes when every message published so far has been sent, given up or dropped. For tests, and for a caller
    /// that wants to wait at a natural boundary; the live path never needs it.
    /// </summary>
    /// <param name="cancellationToken">Stops the wait (not the sending).</param>
    /// <returns>A task that completes when nothing is waiting or in flight.</returns>
    public Task FlushAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (IsIdle)
            {
                return Task.CompletedTask;
            }

            _idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _idle.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Stops accepting messages, gives waiting ones <see cref="SignalRPublisherOptions.ShutdownTimeout"/> to be sent,
    /// then drops (and counts) what is left. Safe to call more than once.
    /// </summary>
    /// <returns>A task that completes when the publisher has stopped.</returns>
    public ValueTask DisposeAsync() => new(StopAsync(CancellationToken.None));

    /// <summary>
    /// As <see cref="DisposeAsync"/>, blocking for up to <see cref="SignalRPublisherOptions.ShutdownTimeout"/>; for a
    /// container disposed synchronously. Prefer <see cref="DisposeAsync"/>.
    /// </summary>
    public void Dispose() => StopAsync(CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>
    /// Stops the publisher (see <see cref="DisposeAsync"/>), flushing until the shutdown timeout or until
    /// <paramref name="cancellationToken"/> (the host's shutdown deadline), whichever comes first.
    /// </summary>
    internal Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _closed = true;
            return _shutdown ??= ShutdownAsync(cancellationToken);
        }
    }

    private bool IsIdle => _buffer.Waiting == 0 && _buffer.InFlight == 0;

    private async Task ShutdownAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            deadline.CancelAfter(_options.ShutdownTimeout);
            try
            {
                await FlushAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The deadline passed: what is left is dropped below.
            }
        }

        // Past the deadline: in-flight sends and waits are cancelled and count themselves as dropped; waiting
        // messages are dropped here.
        var droppedBefore = Interlocked.Read(ref _dropped);
        await _stopping.CancelAsync().ConfigureAwait(false);
        bool waitForWorkers;
        lock (_gate)
        {
            Interlocked.Add(ref _dropped, _buffer.DropAllWaiting());
            waitForWorkers = _activeWorkers > 0;
            SignalIdleIfDone();
        }

        if (waitForWorkers)
        {
            await _workersExited.Task.ConfigureAwait(false);
        }

        var dropped = Interlocked.Read(ref _dropped) - droppedBefore;
        if (dropped > 0)
        {
            _logger.PublishDroppedAtShutdown(dropped);
        }

        _stopping.Dispose();
        _meter.Dispose();
    }
}
