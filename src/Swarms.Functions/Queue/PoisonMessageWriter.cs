using Azure.Storage.Queues;
using Swarms.Api.Configuration;
using Swarms.Api.Contracts;
using Swarms.Api.Storage;

namespace Swarms.Functions.Queue;

/// <summary>
/// <c>swarm-tasks-poison</c>, written by the app itself for messages that can never run, on the same storage
/// connection as the trigger (<c>AzureWebJobsStorage</c>: a connection string, or the identity-based
/// <c>__accountName</c> / <c>__credential</c> / <c>__clientId</c> settings infra/ deploys) and in host.json's message
/// encoding.
/// </summary>
public sealed class PoisonMessageWriter
{
    private readonly Lazy<QueueClient> _queue;

    /// <summary>Creates the writer (the client is made on first use, so a host without storage still starts).</summary>
    public PoisonMessageWriter(StorageConnection? storage, QueueSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _queue = new Lazy<QueueClient>(() => (storage ?? throw new InvalidOperationException("AzureWebJobsStorage is not configured."))
            .CreateQueueServiceClient(settings.MessageEncoding)
            .GetQueueClient(SwarmTaskMessage.PoisonQueueName));
    }

    /// <summary>Adds a message (creating the queue when it is missing).</summary>
    public async Task SendAsync(string text, CancellationToken cancellationToken)
    {
        await _queue.Value.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await _queue.Value.SendMessageAsync(text, cancellationToken).ConfigureAwait(false);
    }
}
