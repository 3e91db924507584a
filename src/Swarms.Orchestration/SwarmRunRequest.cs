using Swarms.Agents.Workflows.Definitions;

namespace Swarms.Orchestration;

/// <summary>
/// The input of a durable swarm run (<see cref="SwarmRunOrchestrator"/>): the whole swarm definition, resolved before
/// the run is scheduled (so a run never depends on files that change while it runs or after a crash), and the task.
/// </summary>
/// <param name="Definition">The swarm: kind, settings and every agent.</param>
/// <param name="Task">What the swarm is asked to do.</param>
public sealed record SwarmRunRequest(SwarmDefinition Definition, string Task)
{
    /// <summary>A request for <paramref name="definition"/>; <paramref name="model"/>, when given, replaces every agent's model.</summary>
    public static SwarmRunRequest Create(SwarmDefinition definition, string task, string? model = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(task);
        if (model is not null)
        {
            definition = definition with { Agents = [.. definition.Agents.Select(a => a with { Model = model })] };
        }

        var request = new SwarmRunRequest(definition, task);
        request.Validate();
        return request;
    }

    /// <summary>Checks the request; throws with the field named.</summary>
    /// <exception cref="ArgumentException">No definition, no agents, duplicate names, an empty task, or invalid settings.</exception>
    public void Validate()
    {
        if (Definition is null)
        {
            throw new ArgumentException("A swarm run needs a definition.", nameof(Definition));
        }

        if (string.IsNullOrWhiteSpace(Task))
        {
            throw new ArgumentException("The task is empty.", nameof(Task));
        }

        if (Definition.Agents is null || Definition.Agents.Any(a => a is null))
        {
            throw new ArgumentException("Every agent of the definition must be given.", nameof(Definition));
        }

        Definition.ToPlan().Validate();
    }
}
