using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Swarms.Api;

/// <summary>
/// The app's log lines. Structured, with the run id (and the swarm, the source); never a task, a prompt, a model
/// output or a key at Information level.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Run {RunId} of swarm {Swarm} ({AgentCount} agents) started from {Source}")]
    public static partial void RunStarted(this ILogger logger, string runId, string swarm, int agentCount, string source);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Run {RunId} already exists ({Status}); not started again (from {Source})")]
    public static partial void RunAlreadyExists(this ILogger logger, string runId, OrchestrationRuntimeStatus status, string source);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Request refused with {Status}: {Field}: {Detail}")]
    public static partial void RequestRefused(this ILogger logger, int status, string field, string detail);

    [LoggerMessage(EventId = 1100, Level = LogLevel.Warning, Message = "Queue message {MessageId} (delivery {DequeueCount}) cannot run and goes to {PoisonQueue}: {Reason}")]
    public static partial void MessagePoisoned(this ILogger logger, string messageId, long dequeueCount, string poisonQueue, string reason);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Queue message {MessageId} (delivery {DequeueCount}) is run {RunId}, already started: nothing to do")]
    public static partial void MessageDuplicate(this ILogger logger, string messageId, long dequeueCount, string runId);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Queue message {MessageId} (delivery {DequeueCount} of {MaxDequeueCount}) failed and will be retried: {Reason}")]
    public static partial void MessageRetry(this ILogger logger, string messageId, long dequeueCount, int maxDequeueCount, string reason);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Error, Message = "Queue listener on {Queue} failed to poll; retrying: {Reason}")]
    public static partial void QueuePollFailed(this ILogger logger, string queue, string reason);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Information, Message = "Listening on queue {Queue} (batch {BatchSize}, max deliveries {MaxDequeueCount}, poison queue {PoisonQueue})")]
    public static partial void QueueListening(this ILogger logger, string queue, int batchSize, int maxDequeueCount, string poisonQueue);
}
