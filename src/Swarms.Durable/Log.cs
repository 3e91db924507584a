using Microsoft.Extensions.Logging;

namespace Swarms.Durable;

/// <summary>The engine's log messages (source-generated, allocation-free when disabled).</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Durable worker {Owner} started.")]
    public static partial void WorkerStarted(ILogger logger, string owner);

    [LoggerMessage(2, LogLevel.Information, "Durable worker {Owner} stopped; its leases were released.")]
    public static partial void WorkerStopped(ILogger logger, string owner);

    [LoggerMessage(3, LogLevel.Debug, "Orchestration {InstanceId} is now {Status}.")]
    public static partial void EpisodeCompleted(ILogger logger, string instanceId, OrchestrationRuntimeStatus status);

    [LoggerMessage(4, LogLevel.Warning, "Orchestration {InstanceId} failed: {Failure}.")]
    public static partial void OrchestrationFailed(ILogger logger, string instanceId, TaskFailureDetails failure);

    [LoggerMessage(5, LogLevel.Warning, "Lost the lease on {InstanceId}; another worker owns it now.")]
    public static partial void LeaseLost(ILogger logger, string instanceId);

    [LoggerMessage(6, LogLevel.Error, "Episode of {InstanceId} failed in the engine; it will be retried.")]
    public static partial void EpisodeError(ILogger logger, string instanceId, Exception exception);

    [LoggerMessage(7, LogLevel.Debug, "Activity {Name} (#{TaskId}, attempt {Attempt}) of {InstanceId} failed.")]
    public static partial void ActivityFailed(ILogger logger, string name, int taskId, int attempt, string instanceId, Exception exception);

    [LoggerMessage(8, LogLevel.Warning, "Activity {Name} of {InstanceId} finished after its lease was lost; the result is dropped.")]
    public static partial void ActivityLeaseLost(ILogger logger, string name, string instanceId);

    [LoggerMessage(9, LogLevel.Error, "Background loop {Loop} failed; retrying.")]
    public static partial void LoopError(ILogger logger, string loop, Exception exception);

    [LoggerMessage(10, LogLevel.Warning, "Orchestration {InstanceId} awaited a task not created by its context.")]
    public static partial void ForeignAwait(ILogger logger, string instanceId);
}
