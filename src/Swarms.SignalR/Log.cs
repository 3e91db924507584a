using Microsoft.Extensions.Logging;

namespace Swarms.SignalR;

/// <summary>Every log message of Swarms.SignalR, source-generated; categories come from the logging types.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "Live SignalR message to group {Group} given up after {Attempts} attempt(s): {Reason}. Further give-ups are counted, not logged, until a send succeeds; clients catch up from the run log.")]
    public static partial void PublishGaveUp(this ILogger logger, string group, int attempts, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information,
        Message = "Live SignalR delivery recovered; {Count} message(s) were given up meanwhile.")]
    public static partial void PublishRecovered(this ILogger logger, long count);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning,
        Message = "The live SignalR publish buffer is full ({Capacity} messages): the oldest waiting messages are dropped and counted until it drains; clients catch up from the run log.")]
    public static partial void PublishBufferFull(this ILogger logger, int capacity);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error,
        Message = "A live SignalR message to group {Group} (target {Target}) could not be serialised and was not sent.")]
    public static partial void PublishSerializationFailed(this ILogger logger, string group, string target, Exception exception);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning,
        Message = "{Count} live SignalR message(s) were still waiting or in flight when the shutdown deadline passed and were dropped.")]
    public static partial void PublishDroppedAtShutdown(this ILogger logger, long count);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning,
        Message = "Could not get a temporary access key from {Uri} to sign client tokens with.")]
    public static partial void AccessKeyRefreshFailed(this ILogger logger, string uri, Exception exception);
}
