namespace Swarms.Agents.Workflows;

/// <summary>Settings of a <see cref="ConcurrentWorkflow"/>.</summary>
public sealed class ConcurrentWorkflowOptions : WorkflowOptions
{
    /// <summary>
    /// Most agents running at once. Null: all of them. Agents wait on the network, not the CPU, so the default is
    /// the number of agents, not the number of cores.
    /// </summary>
    public int? MaxConcurrency { get; set; }

    /// <summary>What happens when an agent fails: the others finish (default), or they are cancelled.</summary>
    public WorkflowErrorPolicy OnError { get; set; } = WorkflowPlan.DefaultOnError;
}
