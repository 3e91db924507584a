using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Swarms.Api.Contracts;
using Swarms.Api.Queue;

namespace Swarms.Functions.Queue;

/// <summary>
/// The queue trigger on <c>swarm-tasks</c> (host.json <c>extensions.queues</c> sets batch size, retries and
/// visibility). A message that can never run is written to <c>swarm-tasks-poison</c> at once with its reason and
/// completes (retrying it cannot help, and the host's own poison move would drop the reason); a failure throws, so
/// the host delivers it again and moves it to the poison queue after <c>maxDequeueCount</c>.
/// </summary>
public sealed class SwarmQueueFunctions(SwarmTaskMessageHandler handler, PoisonMessageWriter poison, TimeProvider time)
{
    /// <summary>Starts the run a message asks for.</summary>
    [Function("SwarmTaskQueue")]
    public async Task RunAsync(
        [QueueTrigger(SwarmTaskMessage.QueueName, Connection = "AzureWebJobsStorage")] QueueMessage message,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = message.Body.ToString();
        var outcome = await handler.HandleAsync(client, text, message.MessageId, message.DequeueCount, cancellationToken).ConfigureAwait(false);
        if (outcome.Kind == QueueOutcomeKind.Poison)
        {
            var poisoned = SwarmTaskMessageHandler.PoisonText(text, message.MessageId, message.DequeueCount, outcome.Field!, outcome.Reason!, time.GetUtcNow());
            await poison.SendAsync(poisoned, cancellationToken).ConfigureAwait(false);
        }
    }
}
