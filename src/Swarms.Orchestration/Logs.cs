using Microsoft.Extensions.Logging;

namespace Swarms.Orchestration;

/// <summary>The project's log messages (source-generated), with their event ids.</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Run {RunId}: turn {Turn} of agent {Agent} had completed (attempt {Attempt}); its answer comes from the run log, the model is not called again")]
    public static partial void TurnFromLog(this ILogger logger, string runId, string agent, int turn, int attempt);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Run {RunId}: turn {Turn} of agent {Agent} runs again as attempt {Attempt}")]
    public static partial void TurnAgain(this ILogger logger, string runId, string agent, int turn, int attempt);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Live publisher {Publisher} failed on run {RunId}; its events are in the run log (reported once)")]
    public static partial void PublisherFailed(this ILogger logger, string publisher, string runId, Exception exception);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Run {RunId}: tool call {CallId} ({Tool}) of agent {Agent} had completed; its result comes from the run log, the tool is not run again")]
    public static partial void ToolCallFromLog(this ILogger logger, string runId, string agent, string tool, string callId);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Run {RunId}: tool call {CallId} ({Tool}) of agent {Agent} was interrupted while it ran; the tool is not safe to repeat, so it is not run again and the model is told it may or may not have taken effect")]
    public static partial void ToolCallInterrupted(this ILogger logger, string runId, string agent, string tool, string callId);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Run {RunId}: model turn {Round} of agent {Agent} (loop {Turn}) runs again as attempt {Attempt}")]
    public static partial void ModelTurnAgain(this ILogger logger, string runId, string agent, int turn, int round, int attempt);
}
