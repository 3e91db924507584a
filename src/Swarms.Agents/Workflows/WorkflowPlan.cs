namespace Swarms.Agents.Workflows;

/// <summary>
/// Everything <see cref="WorkflowLogic"/> needs to sequence or fan out a workflow's agents: plain, serializable
/// data, so a durable orchestrator can take it as its input.
/// </summary>
/// <param name="Name">The workflow's name.</param>
/// <param name="Kind">Sequential or concurrent.</param>
/// <param name="Agents">The agents' names, in order.</param>
public sealed record WorkflowPlan(string Name, WorkflowKind Kind, IReadOnlyList<string> Agents)
{
    /// <summary>How many times the whole workflow runs; each loop after the first builds on the previous one.</summary>
    public int MaxLoops { get; init; } = 1;

    /// <summary>Concurrent only: most agents in flight at once; null means all of them (agents are I/O-bound).</summary>
    public int? MaxConcurrency { get; init; }

    /// <summary>Concurrent only: what to do when an agent fails.</summary>
    public WorkflowErrorPolicy OnError { get; init; } = WorkflowErrorPolicy.Continue;

    /// <summary>Sequential only: what each agent receives.</summary>
    public SequentialInputMode InputMode { get; init; } = SequentialInputMode.PreviousOutput;

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
    }
}
