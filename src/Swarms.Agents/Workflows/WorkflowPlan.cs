namespace Swarms.Agents.Workflows;

/// <summary>
/// A workflow's settings in one shape: what <see cref="WorkflowLogic"/> needs to sequence or fan out the agents.
/// The JSON definition (<see cref="Definitions.SwarmDefinition"/>), the options types and the constructors all map
/// onto it, and its defaults are the only ones. Plain, serializable data, so a durable orchestrator takes it as input.
/// </summary>
/// <param name="Name">The workflow's name.</param>
/// <param name="Kind">Sequential or concurrent.</param>
/// <param name="Agents">The agents' names, in order.</param>
public sealed record WorkflowPlan(string Name, WorkflowKind Kind, IReadOnlyList<string> Agents)
{
    /// <summary>The name of a workflow given none.</summary>
    public const string DefaultName = "workflow";

    /// <summary>Loops of a workflow that sets none.</summary>
    public const int DefaultMaxLoops = 1;

    /// <summary>Concurrent: a failed agent is recorded and the others finish.</summary>
    public const WorkflowErrorPolicy DefaultOnError = WorkflowErrorPolicy.Continue;

    /// <summary>Sequential: each agent gets the task and the previous agent's output.</summary>
    public const SequentialInputMode DefaultInputMode = SequentialInputMode.PreviousOutput;

    /// <summary>How many times the whole workflow runs; each loop after the first builds on the previous one.</summary>
    public int MaxLoops { get; init; } = DefaultMaxLoops;

    /// <summary>
    /// Concurrent only: most agents in flight at once; null (the default) means all of them: agents wait on the
    /// network, not the CPU, so the limit is not the number of cores.
    /// </summary>
    public int? MaxConcurrency { get; init; }

    /// <summary>Concurrent only: what to do when an agent fails.</summary>
    public WorkflowErrorPolicy OnError { get; init; } = DefaultOnError;

    /// <summary>Sequential only: what each agent receives.</summary>
    public SequentialInputMode InputMode { get; init; } = DefaultInputMode;

    /// <summary>Checks the plan; throws with the offending field named.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Name, nameof(Name));
        ArgumentNullException.ThrowIfNull(Agents, nameof(Agents));
        if (Agents.Count == 0)
        {
            throw new ArgumentException("A workflow needs at least one agent.", nameof(Agents));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxLoops, 1, nameof(MaxLoops));
        if (MaxConcurrency is { } max)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(max, 1, nameof(MaxConcurrency));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var agent in Agents)
        {
            if (!names.Add(agent))
            {
                throw new ArgumentException($"Two agents are named '{agent}'; a workflow's agents need distinct names.", nameof(Agents));
            }
        }
    }
}
