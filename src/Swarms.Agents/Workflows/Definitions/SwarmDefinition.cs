using Swarms.Agents.Tools;
using Swarms.Agents.Tools.Mcp;

namespace Swarms.Agents.Workflows.Definitions;

/// <summary>
/// A swarm described in JSON (see <see cref="SwarmDefinitionLoader"/>): its name, kind, settings and agents.
/// <see cref="ToPlan"/> gives the <see cref="WorkflowPlan"/> it stands for (the settings' one shape, with its
/// defaults); <see cref="CreateWorkflow"/> turns it into a runnable <see cref="SequentialWorkflow"/> or <see cref="ConcurrentWorkflow"/>.
/// Round-trips through System.Text.Json, so a durable orchestrator can take it as input.
/// </summary>
/// <param name="Name">The swarm's name: what <c>swarms run NAME</c> finds, and the dashboard's title.</param>
/// <param name="Kind">Sequential or concurrent.</param>
/// <param name="Agents">The agents, in order.</param>
public sealed record SwarmDefinition(string Name, WorkflowKind Kind, IReadOnlyList<AgentDefinition> Agents)
{
    /// <summary>What the swarm is for.</summary>
    public string? Description { get; init; }

    /// <summary>How many times the workflow runs.</summary>
    public int MaxLoops { get; init; } = WorkflowPlan.DefaultMaxLoops;

    /// <summary>Concurrent only: most agents at once; null: all.</summary>
    public int? MaxConcurrency { get; init; }

    /// <summary>Concurrent only: what a failure does to the others.</summary>
    public WorkflowErrorPolicy OnError { get; init; } = WorkflowPlan.DefaultOnError;

    /// <summary>Sequential only: what each agent receives.</summary>
    public SequentialInputMode InputMode { get; init; } = WorkflowPlan.DefaultInputMode;

    /// <summary>MCP servers whose tools every agent of the swarm may call (besides each agent's own).</summary>
    public IReadOnlyList<McpServerDefinition> McpServers { get; init; } = [];

    /// <summary>The file the definition was read from, if any.</summary>
    public string? SourcePath { get; init; }

    /// <summary>The plan the workflow logic runs for this swarm.</summary>
    public WorkflowPlan ToPlan() => new(Name, Kind, [.. Agents.Select(a => a.Name)])
    {
        MaxLoops = MaxLoops, MaxConcurrency = MaxConcurrency, OnError = OnError, InputMode = InputMode,
    };

    /// <summary>
    /// Checks that every tool the agents name is registered in <paramref name="tools"/> (a definition loaded without a
    /// registry, or built in code).
    /// </summary>
    /// <exception cref="SwarmDefinitionException">A tool is unknown; the message names the file (or swarm) and the field.</exception>
    public void CheckTools(ToolRegistry tools)
    {
        ArgumentNullException.ThrowIfNull(tools);
        SwarmDefinitionLoader.CheckTools(this, tools, SourcePath ?? Name);
    }

    /// <summary>
    /// <paramref name="agent"/> as it runs in this swarm: with the swarm's <see cref="McpServers"/> before its own (what
    /// <see cref="CreateWorkflow"/> and the durable runs give each agent).
    /// </summary>
    public AgentDefinition WithSwarmServers(AgentDefinition agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return McpServers.Count == 0 ? agent : agent with { McpServers = [.. McpServers, .. agent.McpServers] };
    }

    /// <summary>
    /// Builds the workflow. <paramref name="createAgent"/> makes each agent (typically <see cref="AgentFactory.Create(AgentDefinition, string?)"/>;
    /// null: <see cref="AgentDefinition.ToOptions"/> on the offline local model); <paramref name="configure"/> adjusts
    /// the workflow's display settings (dashboard, callback...). Agents never print their own panels in a workflow.
    /// </summary>
    /// <exception cref="SwarmDefinitionException">An agent needs approval, which only a durable run can wait for.</exception>
    public AgentWorkflow CreateWorkflow(Func<AgentDefinition, Agent>? createAgent = null, Action<WorkflowOptions>? configure = null)
    {
        ThrowIfApprovalNeeded();
        var agents = Agents
            .Select(WithSwarmServers)
            .Select(a => createAgent?.Invoke(a) ?? new Agent(a.ToOptions()))
            .ToList();
        var plan = ToPlan();
        if (Kind == WorkflowKind.Sequential)
        {
            var options = new SequentialWorkflowOptions { Name = plan.Name, MaxLoops = plan.MaxLoops, InputMode = plan.InputMode };
            configure?.Invoke(options);
            return new SequentialWorkflow(agents, options);
        }

        var concurrent = new ConcurrentWorkflowOptions { Name = plan.Name, MaxLoops = plan.MaxLoops, MaxConcurrency = plan.MaxConcurrency, OnError = plan.OnError };
        configure?.Invoke(concurrent);
        return new ConcurrentWorkflow(agents, concurrent);
    }

    /// <summary>In process nobody can approve an agent: a swarm with <see cref="AgentDefinition.Approval"/> agents runs durably only.</summary>
    private void ThrowIfApprovalNeeded()
    {
        for (int i = 0; i < Agents.Count; i++)
        {
            if (Agents[i].Approval)
            {
                throw new SwarmDefinitionException(SourcePath ?? Name, $"$.agents[{i}].approval",
                    $"agent '{Agents[i].Name}' waits for a person's approval, which only a durable run can do (swarms run ... --durable)");
            }
        }
    }
}
