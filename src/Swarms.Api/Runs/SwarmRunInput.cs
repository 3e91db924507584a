using Swarms.Agents.Workflows.Definitions;
using Swarms.Api.Validation;
using Swarms.Orchestration;

namespace Swarms.Api.Runs;

/// <summary>The orchestrator's input for a run: the whole swarm definition inline and the task, checked as the orchestrator will.</summary>
internal static class SwarmRunInput
{
    /// <exception cref="ApiProblemException">The orchestrator would refuse the definition (named as <c>$.definition</c>).</exception>
    public static SwarmRunRequest Create(SwarmDefinition definition, string task)
    {
        try
        {
            return SwarmRunRequest.Create(definition, task);
        }
        catch (ArgumentException ex)
        {
            throw ApiProblemException.BadRequest(ex.ParamName == "Task" ? "$.task" : "$.definition", ex.Message);
        }
    }
}
