using Microsoft.Extensions.Logging;

namespace Swarms.Durable;

/// <summary>The project's log messages (source-generated, allocation-free when disabled).</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Durable backend {Backend} ({Location}) started as owner {Owner}.")]
    public static partial void BackendStarted(ILogger logger, string backend, string location, string owner);

    [LoggerMessage(2, LogLevel.Information, "Durable backend owner {Owner} stopped; its locks were released (at {Ticks}).")]
    public static partial void BackendStopped(ILogger logger, string owner, long ticks);

    [LoggerMessage(3, LogLevel.Warning, "Renewing the durable locks failed; retrying.")]
    public static partial void RenewalFailed(ILogger logger, Exception exception);

    [LoggerMessage(7, LogLevel.Warning, "Polling the durable store for new messages failed; retrying.")]
    public static partial void PollFailed(ILogger logger, Exception exception);

    [LoggerMessage(4, LogLevel.Information, "Durable worker started on {Backend}.")]
    public static partial void WorkerStarted(ILogger logger, string backend);

    [LoggerMessage(5, LogLevel.Information, "Durable worker stopping; waiting up to {Timeout} for {InFlight} work item(s).")]
    public static partial void WorkerStopping(ILogger logger, TimeSpan timeout, int inFlight);

    [LoggerMessage(6, LogLevel.Information, "Durable worker stopped.")]
    public static partial void WorkerStopped(ILogger logger);
}
