namespace Swarms.Agents.Workflows;

/// <summary>
/// Agents run one after another on a task, as in swarms' <c>SequentialWorkflow</c>: each receives the task and the
/// previous agent's output (or the whole transcript, <see cref="SequentialWorkflowOptions.InputMode"/>), and
/// streams in turn. The final output is the last agent's answer. An agent that fails ends the run; the agents
/// after it are <see cref="AgentStepStatus.Skipped"/>.
/// </summary>
public sealed class SequentialWorkflow : AgentWorkflow
{
    /// <summary>Creates the workflow; the parameters are those of <see cref="ConcurrentWorkflow"/>'s short constructor.</summary>
    /// <param name="agents">The agents, in the order they run.</param>
    /// <param name="maxLoops">How many times the chain runs; each loop starts from the previous loop's last output.</param>
    /// <param name="showDashboard">Show one live dashboard, the running agent's tokens streaming in it; null: when some agent prints.</param>
    /// <param name="name">The workflow's name (the dashboard's title).</param>
    public SequentialWorkflow(
        IEnumerable<Agent> agents, int maxLoops = WorkflowPlan.DefaultMaxLoops, bool? showDashboard = null, string name = WorkflowPlan.DefaultName)
        : this(agents, new SequentialWorkflowOptions { Name = name, MaxLoops = maxLoops, ShowDashboard = showDashboard })
    {
    }

    /// <summary>Creates the workflow.</summary>
    /// <exception cref="ArgumentException">No agents, two with the same name, or invalid settings.</exception>
    public SequentialWorkflow(IEnumerable<Agent> agents, SequentialWorkflowOptions options)
        : base(agents, options, (names, o) => new WorkflowPlan(o.Name, WorkflowKind.Sequential, names)
        {
            MaxLoops = o.MaxLoops, InputMode = ((SequentialWorkflowOptions)o).InputMode,
        })
    {
    }
}
