using Microsoft.Extensions.Logging;

namespace Swarms.Agents;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Error, "Agent {Agent}: a streaming callback threw; the stream goes on without repeating the model call. Later failures of this callback in this run are not logged.")]
    public static partial void CallbackFailed(ILogger logger, string agent, Exception exception);

    [LoggerMessage(2, LogLevel.Warning, "Agent {Agent}: model call attempt {Attempt} failed ({Cause}); retrying in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string agent, int attempt, string cause, long delayMs);

    [LoggerMessage(3, LogLevel.Debug, "Agent {Agent}: loop {Loop} of {MaxLoops} calling model {Model}")]
    public static partial void LoopStarted(ILogger logger, string agent, int loop, int maxLoops, string? model);

    [LoggerMessage(4, LogLevel.Debug, "Agent {Agent}: finished, {OutputTokens} output tokens, finish reason {FinishReason}")]
    public static partial void Completed(ILogger logger, string agent, long outputTokens, string? finishReason);

    [LoggerMessage(5, LogLevel.Error, "Agent {Agent}: model {Model} failed after {Attempts} attempt(s)")]
    public static partial void Failed(ILogger logger, string agent, string? model, int attempts, Exception exception);

    // Workflows: event ids 100+, apart from the agent's.
    [LoggerMessage(100, LogLevel.Error, "Workflow {Workflow}: the event callback threw; the run goes on. Later failures of this callback in this run are not logged.")]
    public static partial void WorkflowCallbackFailed(ILogger logger, string workflow, Exception exception);
}
