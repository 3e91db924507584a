using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Swarms.Api.Configuration;
using Swarms.Api.Contracts;
using Swarms.Api.Queue;
using Swarms.Api.Storage;

namespace Swarms.Host.Queue;

/// <summary>
/// The local twin of the Functions queue trigger on <c>swarm-tasks</c>, with host.json's <c>extensions.queues</c>
/// settings: fetches up to <c>batchSize</c> messages, fetches more when fewer than <c>newBatchThreshold</c> are in
/// flight, backs off up to <c>maxPollingInterval</c> while the queue is empty. Each message goes to the shared
/// <see cref="SwarmTaskMessageHandler"/>: started or duplicate, it is deleted; a message that can never run is moved
/// to <c>swarm-tasks-poison</c> at once with its reason; a failure makes it visible again after
/// <c>visibilityTimeout</c>, and its <c>maxDequeueCount</c>-th failure moves it to the poison queue with the last
/// error. A message that is not valid base64 (when that is the encoding) is poisoned too, as Functions does.
/// </summary>
internal sealed partial class QueueListener : BackgroundService
{
    // How long a fetched message stays invisible to other consumers while it is handled (starting a run takes
    // milliseconds); after a crash, the message comes back after this.
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan MinPollingInterval = TimeSpan.FromMilliseconds(100);

    private readonly QueueClient _queue;
    private readonly QueueClient _poison;
    private readonly QueueSettings _settings;
    private readonly SwarmTaskMessageHandler _handler;
    private readonly DurableTaskClient _client;
    private readonly TimeProvider _time;
    private readonly ILogger<QueueListener> _logger;
    private int _inFlight;

    public QueueListener(StorageConnection storage, QueueSettings settings, SwarmTaskMessageHandler handler, DurableTaskClient client, TimeProvider time, ILogger<QueueListener> logger)
    {
        _settings = settings;
        _handler = handler;
        _client = client;
        _time = time;
        _logger = logger;
        var options = new QueueClientOptions { MessageEncoding = settings.MessageEncoding };
        options.MessageDecodingFailed += OnDecodingFailedAsync;
        var service = storage.ConnectionString is { } cs
            ? new QueueServiceClient(cs, options)
            : new QueueServiceClient(storage.QueueServiceUri!, storage.Credential!, options);
        _queue = service.GetQueueClient(SwarmTaskMessage.QueueName);
        _poison = service.GetQueueClient(SwarmTaskMessage.PoisonQueueName);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.Zero;
        var started = false;
        using var handled = new SemaphoreSlim(0);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!started)
                {
                    await _queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken).ConfigureAwait(false);
                    await _poison.CreateIfNotExistsAsync(cancellationToken: stoppingToken).ConfigureAwait(false);
                    Swarms.Api.Log.QueueListening(_logger, _queue.Name, _settings.BatchSize, _settings.MaxDequeueCount, _poison.Name);
                    started = true;
                }

                if (Volatile.Read(ref _inFlight) >= _settings.EffectiveNewBatchThreshold)
                {
                    await handled.WaitAsync(stoppingToken).ConfigureAwait(false);
                    continue;
                }

                QueueMessage[] messages = await _queue.ReceiveMessagesAsync(_settings.BatchSize, Lease, stoppingToken).ConfigureAwait(false);
                foreach (var message in messages)
                {
                    Interlocked.Increment(ref _inFlight);
                    _ = Task.Run(async () =>
                    {
                        try
                        {
                            await ProcessAsync(message, stoppingToken).ConfigureAwait(false);
                        }
                        finally
                        {
                            Interlocked.Decrement(ref _inFlight);
                            handled.Release();
                        }
                    }, CancellationToken.None);
                }

                // Poll again at once while there is work; back off (doubling, up to maxPollingInterval) while empty.
                delay = messages.Length > 0 ? TimeSpan.Zero : Next(delay);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is RequestFailedException or IOException or HttpRequestException or AggregateException)
            {
                Swarms.Api.Log.QueuePollFailed(_logger, _queue.Name, ex.Message);
                delay = Next(delay);
            }

            if (delay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(delay, _time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    private TimeSpan Next(TimeSpan delay) =>
        delay == TimeSpan.Zero ? MinPollingInterval : TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _settings.MaxPollingInterval.Ticks));

    private async Task ProcessAsync(QueueMessage message, CancellationToken stoppingToken)
    {
        var text = message.Body.ToString();
        QueueOutcome outcome;
        try
        {
            outcome = await _handler.HandleAsync(_client, text, message.MessageId, message.DequeueCount, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return; // shutting down: the lease runs out and the message comes back
        }
        catch (Exception ex)
        {
            await FailedAsync(message, text, ex).ConfigureAwait(false);
            return;
        }

        try
        {
            if (outcome.Kind == QueueOutcomeKind.Poison)
            {
                await PoisonAsync(message.MessageId, message.PopReceipt, message.DequeueCount, text, outcome.Field!, outcome.Reason!).ConfigureAwait(false);
            }
            else
            {
                await _queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (RequestFailedException ex)
        {
            // The lease ran out and someone else holds the message now: its next delivery finds the run started.
            LogSettleFailed(_logger, message.MessageId, ex.Message);
        }
    }

    private async Task FailedAsync(QueueMessage message, string text, Exception ex)
    {
        try
        {
            if (message.DequeueCount >= _settings.MaxDequeueCount)
            {
                var reason = $"error: failed on each of {message.DequeueCount} deliveries; last: {ex.GetType().Name}: {ex.Message}";
                Swarms.Api.Log.MessagePoisoned(_logger, message.MessageId, message.DequeueCount, _poison.Name, reason);
                await PoisonAsync(message.MessageId, message.PopReceipt, message.DequeueCount, text, "error", reason).ConfigureAwait(false);
            }
            else
            {
                Swarms.Api.Log.MessageRetry(_logger, message.MessageId, message.DequeueCount, _settings.MaxDequeueCount, $"{ex.GetType().Name}: {ex.Message}");
                await _queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: _settings.VisibilityTimeout).ConfigureAwait(false);
            }
        }
        catch (RequestFailedException settle)
        {
            LogSettleFailed(_logger, message.MessageId, settle.Message);
        }
    }

    private async Task PoisonAsync(string messageId, string popReceipt, long dequeueCount, string text, string field, string reason)
    {
        var poison = SwarmTaskMessageHandler.PoisonText(text, messageId, dequeueCount, field, reason, _time.GetUtcNow());
        await _poison.SendMessageAsync(poison).ConfigureAwait(false);
        await _queue.DeleteMessageAsync(messageId, popReceipt).ConfigureAwait(false);
    }

    // The SDK cannot decode the message (not base64): it leaves it out of the batch and hands it here.
    private async Task OnDecodingFailedAsync(QueueMessageDecodingFailedEventArgs args)
    {
        if (args.ReceivedMessage is not { } message)
        {
            return;
        }

        const string reason = "message: is not valid base64 (host.json extensions.queues.messageEncoding is \"base64\")";
        Swarms.Api.Log.MessagePoisoned(_logger, message.MessageId, message.DequeueCount, _poison.Name, reason);
        try
        {
            await PoisonAsync(message.MessageId, message.PopReceipt, message.DequeueCount, message.Body.ToString(), "message", reason).ConfigureAwait(false);
        }
        catch (RequestFailedException ex)
        {
            LogSettleFailed(_logger, message.MessageId, ex.Message);
        }
    }

    [LoggerMessage(EventId = 1200, Level = LogLevel.Warning, Message = "Queue message {MessageId} could not be settled (its lease may have run out; it will be delivered again): {Reason}")]
    private static partial void LogSettleFailed(ILogger logger, string messageId, string reason);
}
