using Microsoft.Extensions.Logging;

namespace Swarms.Agents;

/// <summary>The library's log messages, in one place; categories come from the types that log (<c>ILogger&lt;Agent&gt;</c>).</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "{Owner}: a callback threw and was skipped; the run goes on without calling the model again. Later failures of this callback in this run are not logged.")]
    public static partial void CallbackFailed(this ILogger logger, string owner, Exception exception);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Agent {Agent}: model call attempt {Attempt} failed ({Cause}); retrying in {DelayMs} ms")]
    public static partial void Retrying(this ILogger logger, string agent, int attempt, string cause, long delayMs);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Agent {Agent}: loop {Loop} of {MaxLoops} calling model {Model}")]
    public static partial void LoopStarted(this ILogger logger, string agent, int loop, int maxLoops, string? model);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "Agent {Agent}: finished, {OutputTokens} output tokens, finish reason {FinishReason}")]
    public static partial void Completed(this ILogger logger, string agent, long outputTokens, string? finishReason);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "Agent {Agent}: model {Model} failed after {Attempts} attempt(s)")]
    public static partial void Failed(this ILogger logger, string agent, string? model, int attempts, Exception exception);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Agent {Agent}: a plain token callback had received {Characters} characters of attempt {Attempt}, which failed; it now receives attempt {NextAttempt} from its start. A plain callback cannot take text back: use a sink, the TokenInfo callback (IsReset) or the ready-made helpers to end with exactly the final answer.")]
    public static partial void PlainCallbackRestarted(this ILogger logger, string agent, int characters, int attempt, int nextAttempt);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Agent {Agent}: used its {MaxToolIterations} tool round(s) for this loop; its next model call is made without tools")]
    public static partial void ToolLimitReached(this ILogger logger, string agent, int maxToolIterations);
}
