namespace Swarms.Agents.Workflows;

/// <summary>
/// Every agent works on the same task at once, as in swarms' <c>ConcurrentWorkflow</c>. The result lists each
/// agent's output in agent order (not completion order) with aggregated usage; the final output joins the answers
/// under the agents' names. One failing agent is recorded as failed while the others finish, unless
/// <see cref="ConcurrentWorkflowOptions.OnError"/> says to cancel the rest.
/// </summary>
public sealed class ConcurrentWorkflow : AgentWorkflow
{
    /// <summary>Creates the workflow; the parameters mirror swarms' <c>ConcurrentWorkflow</c>.</summary>
    /// <param name="name">The workflow's name (the dashboard's title).</param>
    /// <param name="agents">The agents.</param>
    /// <param name="maxLoops">How many rounds; each round after the first sees the previous round's answers.</param>
    /// <param name="showDashboard">Show one live dashboard for the run; null: when some agent prints (<see cref="WorkflowOptions.ShowDashboard"/>).</param>
    /// <param name="maxConcurrency">Most agents running at once; null: all of them.</param>
    /// <param name="onError">What happens when an agent fails.</param>
    public ConcurrentWorkflow(
        string name, IEnumerable<Agent> agents, int maxLoops = WorkflowPlan.DefaultMaxLoops, bool? showDashboard = null,
        int? maxConcurrency = null, WorkflowErrorPolicy onError = WorkflowPlan.DefaultOnError)
        : this(agents, new ConcurrentWorkflowOptions
        {
            Name = name, MaxLoops = maxLoops, ShowDashboard = showDashboard, MaxConcurrency = maxConcurrency, OnError = onError,
        })
    {
    }

    /// <summary>Creates the workflow.</summary>
    /// <exception cref="ArgumentException">No agents, two with the same name, or invalid settings.</exception>
    public ConcurrentWorkflow(IEnumerable<Agent> agents, ConcurrentWorkflowOptions options)
        : base(agents, options, (names, o) => new WorkflowPlan(o.Name, WorkflowKind.Concurrent, names)
        {
            MaxLoops = o.MaxLoops, MaxConcurrency = ((ConcurrentWorkflowOptions)o).MaxConcurrency, OnError = ((ConcurrentWorkflowOptions)o).OnError,
        })
    {
    }
}
