using Microsoft.Extensions.AI;

namespace Swarms.Agents.Workflows.Definitions;

/// <summary>
/// A swarm described in JSON (see <see cref="SwarmDefinitionLoader"/>): its name, kind, settings and agents.
/// <see cref="CreateWorkflow"/> turns it into a runnable <see cref="SequentialWorkflow"/> or <see cref="ConcurrentWorkflow"/>.
/// </summary>
/// <param name="Name">The swarm's name: what <c>swarms run NAME</c> finds, and the dashboard's title.</param>
/// <param name="Kind">Sequential or concurrent.</param>
/// <param name="Agents">The agents, in order.</param>
public sealed record SwarmDefinition(string Name, WorkflowKind Kind, IReadOnlyList<AgentDefinition> Agents)
{
    /// <summary>What the swarm is for.</summary>
    public string? Description { get; init; }

    /// <summary>How many times the workflow runs.</summary>
    public int MaxLoops { get; init; } = 1;

    /// <summary>Concurrent only: most agents at once; null: all.</summary>
    public int? MaxConcurrency { get; init; }

    /// <summary>Concurrent only: what a failure does to the others.</summary>
    public WorkflowErrorPolicy OnError { get; init; } = WorkflowErrorPolicy.Continue;

    /// <summary>Sequential only: what each agent receives.</summary>
    public SequentialInputMode InputMode { get; init; } = SequentialInputMode.PreviousOutput;

    /// <summary>The file the definition was read from, if any.</summary>
    public string? SourcePath { get; init; }

    /// <summary>
    /// Builds the workflow. <paramref name="chatClient"/> gives each agent its model (null, or a null result: the
    /// configured provider); <paramref name="configure"/> adjusts the workflow's settings (dashboard, callback...).
    /// Agents never print their own panels in a workflow.
    /// </summary>
    public AgentWorkflow CreateWorkflow(Func<AgentDefinition, IChatClient?>? chatClient = null, Action<WorkflowOptions>? configure = null)
    {
        var agents = Agents.Select(a => new Agent(new AgentOptions
        {
            AgentName = a.Name,
            Description = a.Description,
            SystemPrompt = a.SystemPrompt,
            ModelName = a.Model,
            MaxLoops = a.MaxLoops,
            Temperature = a.Temperature,
            MaxTokens = a.MaxTokens,
            RetryAttempts = a.RetryAttempts ?? 3,
            StreamingOn = true,
            PrintOn = false,
            ChatClient = chatClient?.Invoke(a),
        })).ToList();

        if (Kind == WorkflowKind.Sequential)
        {
            var options = new SequentialWorkflowOptions { Name = Name, MaxLoops = MaxLoops, InputMode = InputMode };
            configure?.Invoke(options);
            return new SequentialWorkflow(agents, options);
        }

        var concurrent = new ConcurrentWorkflowOptions { Name = Name, MaxLoops = MaxLoops, MaxConcurrency = MaxConcurrency, OnError = OnError };
        configure?.Invoke(concurrent);
        return new ConcurrentWorkflow(agents, concurrent);
    }
}
