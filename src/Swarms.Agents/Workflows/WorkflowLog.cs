using Microsoft.Extensions.Logging;

namespace Swarms.Agents.Workflows;

/// <summary>Log messages of the workflows (event ids 100+, apart from the agent's).</summary>
internal static partial class Log
{
    [LoggerMessage(100, LogLevel.Error, "Workflow {Workflow}: the event callback threw; the run goes on. Later failures of this callback in this run are not logged.")]
    public static partial void WorkflowCallbackFailed(ILogger logger, string workflow, Exception exception);
}
