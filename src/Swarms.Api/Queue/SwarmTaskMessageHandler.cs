using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Swarms.Agents.Workflows.Definitions;
using Swarms.Api.Contracts;
using Swarms.Api.Http;
using Swarms.Api.Runs;
using Swarms.Api.Telemetry;
using Swarms.Api.Validation;

namespace Swarms.Api.Queue;

/// <summary>
/// Handles one message of the <c>swarm-tasks</c> queue, for the Functions queue trigger and the local host's
/// listener alike. A good message starts a run whose id is the message's <c>runId</c>, else one derived from the
/// queue message id, so a message delivered twice starts one run. A message that can never run (not JSON, a field
/// missing or of the wrong type, an unknown swarm) is a <see cref="QueueOutcomeKind.Poison"/> outcome with its reason
/// at once: retrying it cannot help. Anything else (the backend unreachable) throws, and the queue delivers the
/// message again until <c>maxDequeueCount</c>.
/// </summary>
public sealed class SwarmTaskMessageHandler(SwarmLibrary swarms, SwarmRunStarter starter, ILogger<SwarmTaskMessageHandler> logger)
{
    /// <summary>Handles a message.</summary>
    /// <param name="client">The Durable client.</param>
    /// <param name="text">The message text (decoded).</param>
    /// <param name="messageId">The queue message id.</param>
    /// <param name="dequeueCount">Which delivery this is (1 the first).</param>
    /// <param name="cancellationToken">Cancels handling (the message is then delivered again).</param>
    public async Task<QueueOutcome> HandleAsync(DurableTaskClient client, string text, string messageId, long dequeueCount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        SwarmTaskMessage message;
        SwarmDefinition definition;
        try
        {
            message = RunRequests.ReadQueueMessage(text);
            definition = swarms.Get(message.Swarm, "$.swarm");
        }
        catch (ApiProblemException problem)
        {
            return Poison(messageId, dequeueCount, problem);
        }

        var runId = message.RunId ?? RunIds.FromQueueMessage(messageId);
        StartOutcome outcome;
        try
        {
            outcome = await starter.StartAsync(client, definition, message.Task, runId, replaceFinished: false, "queue", cancellationToken).ConfigureAwait(false);
        }
        catch (ApiProblemException problem)
        {
            return Poison(messageId, dequeueCount, problem);
        }

        if (!outcome.Started)
        {
            logger.MessageDuplicate(messageId, dequeueCount, runId);
        }

        var kind = outcome.Started ? QueueOutcomeKind.Started : QueueOutcomeKind.Duplicate;
        ApiTelemetry.QueueMessages.Add(1, new KeyValuePair<string, object?>("swarms.queue.outcome", outcome.Started ? "started" : "duplicate"));
        return new QueueOutcome(kind, runId);
    }

    private QueueOutcome Poison(string messageId, long dequeueCount, ApiProblemException problem)
    {
        ApiTelemetry.QueueMessages.Add(1, new KeyValuePair<string, object?>("swarms.queue.outcome", "poisoned"));
        logger.MessagePoisoned(messageId, dequeueCount, SwarmTaskMessage.PoisonQueueName, problem.Message);
        return new QueueOutcome(QueueOutcomeKind.Poison, null, problem.Field, problem.Message);
    }

    /// <summary>The poison queue's text for a message, with its reason.</summary>
    public static string PoisonText(string text, string messageId, long dequeueCount, string field, string reason, DateTimeOffset now) =>
        JsonSerializer.Serialize(
            new PoisonMessage { Reason = reason, Field = field, MessageId = messageId, DequeueCount = dequeueCount, PoisonedAt = now, Message = text },
            ApiJson.Options);
}
