using Swarms.Agents.Workflows.Definitions;

namespace Swarms.Api.Runs;

/// <summary>The orchestrator's input for a run: the whole swarm definition inline and the task.</summary>
internal static class SwarmRunInput
{
    public static object Create(SwarmDefinition definition, string task, string runId) => new { Definition = definition, Task = task, RunId = runId };
}
