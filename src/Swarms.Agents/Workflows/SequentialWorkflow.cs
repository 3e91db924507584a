namespace Swarms.Agents.Workflows;

/// <summary>
/// Agents run one after another on a task, as in swarms' <c>SequentialWorkflow</c>: each receives the task and the
/// previous agent's output (or the whole transcript, <see cref="SequentialWorkflowOptions.InputMode"/>), and
/// streams in turn. The final output is the last agent's answer. An agent that fails ends the run; the agents
/// after it are <see cref="AgentStepStatus.Skipped"/>.
/// </summary>
public sealed class SequentialWorkflow : AgentWorkflow
{
    /// <summary>Creates the workflow with default settings.</summary>
    /// <param name="agents">The agents, in the order they run.</param>
    /// <param name="maxLoops">How many times the chain runs; each loop starts from the previous loop's last output.</param>
    public SequentialWorkflow(IEnumerable<Agent> agents, int maxLoops = 1)
        : this(agents, new SequentialWorkflowOptions { Name = "sequential-workflow", MaxLoops = maxLoops })
    {
    }

    /// <summary>Creates the workflow.</summary>
    /// <exception cref="ArgumentException">No agents, two with the same name, or invalid settings.</exception>
    public SequentialWorkflow(IEnumerable<Agent> agents, SequentialWorkflowOptions options)
        : base(agents ?? throw new ArgumentNullException(nameof(agents)), options, CreatePlan(agents, options))
    {
    }

    private static WorkflowPlan CreatePlan(IEnumerable<Agent> agents, SequentialWorkflowOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new WorkflowPlan(options.Name, WorkflowKind.Sequential, [.. agents.Select(a => a.Name)])
        {
            MaxLoops = options.MaxLoops,
            InputMode = options.InputMode,
        };
    }
}
