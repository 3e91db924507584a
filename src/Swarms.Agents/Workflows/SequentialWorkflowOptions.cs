namespace Swarms.Agents.Workflows;

/// <summary>Settings of a <see cref="SequentialWorkflow"/>.</summary>
public sealed class SequentialWorkflowOptions : WorkflowOptions
{
    /// <summary>What each agent receives: the task and the previous output (default), or the whole transcript.</summary>
    public SequentialInputMode InputMode { get; set; } = WorkflowPlan.DefaultInputMode;
}
