namespace Swarms.Agents.Workflows.Definitions;

/// <summary>One agent of a <see cref="SwarmDefinition"/>.</summary>
/// <param name="Name">The agent's name (unique within the swarm).</param>
/// <param name="SystemPrompt">Its role.</param>
public sealed partial record AgentDefinition(string Name, string? SystemPrompt)
{
    /// <summary>What the agent is for (listings only).</summary>
    public string? Description { get; init; }

    /// <summary>The model or deployment; null: the provider's default.</summary>
    public string? Model { get; init; }

    /// <summary>The agent's own loops (see <see cref="AgentOptions.MaxLoops"/>).</summary>
    public int MaxLoops { get; init; } = 1;

    /// <summary>Sampling temperature; null: the model's default.</summary>
    public float? Temperature { get; init; }

    /// <summary>Upper bound of output tokens per model call; null: the model's default.</summary>
    public int? MaxTokens { get; init; }

    /// <summary>Retries of a failed model call; null: the agent's default.</summary>
    public int? RetryAttempts { get; init; }

    /// <summary>
    /// The options of the agent this describes, as a workflow runs it: streaming, never printing its own panel (the
    /// workflow's dashboard shows it). What the definition leaves out keeps <see cref="AgentOptions"/>' default.
    /// </summary>
    public AgentOptions ToOptions()
    {
        var options = new AgentOptions
        {
            AgentName = Name,
            Description = Description,
            SystemPrompt = SystemPrompt,
            ModelName = Model,
            MaxLoops = MaxLoops,
            Temperature = Temperature,
            MaxTokens = MaxTokens,
            StreamingOn = true,
            PrintOn = false,
        };
        if (RetryAttempts is { } retries)
        {
            options.RetryAttempts = retries;
        }

        return options;
    }
}
