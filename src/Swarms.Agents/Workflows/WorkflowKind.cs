namespace Swarms.Agents.Workflows;

/// <summary>How a workflow runs its agents.</summary>
public enum WorkflowKind
{
    /// <summary>One after another, each receiving what the previous one produced.</summary>
    Sequential,

    /// <summary>All at once on the same task; results gathered in agent order.</summary>
    Concurrent,
}
