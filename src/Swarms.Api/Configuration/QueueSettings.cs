using Azure.Storage.Queues;

namespace Swarms.Api.Configuration;

/// <summary>
/// host.json's <c>extensions.queues</c>, with the Azure Functions queue trigger's defaults: how the queue is polled and
/// when a message that keeps failing goes to the poison queue.
/// </summary>
public sealed record QueueSettings
{
    /// <summary>Messages fetched at once (1-32, default 16).</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>Fetch the next batch when fewer than this many are in flight (default <see cref="BatchSize"/> / 2).</summary>
    public int? NewBatchThreshold { get; init; }

    /// <summary>The longest wait between polls of an empty queue (default 1 minute; at least 100 ms).</summary>
    public TimeSpan MaxPollingInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a message that failed stays invisible before its next delivery (default 0).</summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.Zero;

    /// <summary>Deliveries before a failing message goes to the poison queue (default 5).</summary>
    public int MaxDequeueCount { get; init; } = 5;

    /// <summary>How message text is encoded (default base64, as the Functions queue trigger expects).</summary>
    public QueueMessageEncoding MessageEncoding { get; init; } = QueueMessageEncoding.Base64;

    /// <summary>The threshold in effect.</summary>
    public int EffectiveNewBatchThreshold => NewBatchThreshold ?? Math.Max(1, BatchSize / 2);
}
