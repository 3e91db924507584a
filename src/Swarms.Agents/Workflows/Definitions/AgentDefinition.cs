namespace Swarms.Agents.Workflows.Definitions;

/// <summary>One agent of a <see cref="SwarmDefinition"/>.</summary>
/// <param name="Name">The agent's name (unique within the swarm).</param>
/// <param name="SystemPrompt">Its role.</param>
public sealed record AgentDefinition(string Name, string? SystemPrompt)
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
}
