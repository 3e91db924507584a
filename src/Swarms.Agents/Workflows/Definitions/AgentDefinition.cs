using Swarms.Agents.Tools;
using Swarms.Agents.Tools.Mcp;

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

    /// <summary>Tool rounds per loop; null: the agent's default (<see cref="AgentOptions.MaxToolIterations"/>).</summary>
    public int? MaxToolIterations { get; init; }

    /// <summary>Names of registered tools the agent may call (see <see cref="ToolRegistry"/>).</summary>
    public IReadOnlyList<string> Tools { get; init; } = [];

    /// <summary>MCP servers whose tools the agent may call (a swarm's own servers are added by <see cref="SwarmDefinition.CreateWorkflow"/>).</summary>
    public IReadOnlyList<McpServerDefinition> McpServers { get; init; } = [];

    /// <summary>
    /// The options of the agent this describes, as a workflow runs it: streaming, never printing its own panel (the
    /// workflow's dashboard shows it). What the definition leaves out keeps <see cref="AgentOptions"/>' default. Tool
    /// names are looked up in <paramref name="tools"/> (null: the built-in tools only).
    /// </summary>
    /// <exception cref="KeyNotFoundException">A tool name is not registered; the message lists the known ones.</exception>
    public AgentOptions ToOptions(ToolRegistry? tools = null)
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

        if (MaxToolIterations is { } rounds)
        {
            options.MaxToolIterations = rounds;
        }

        if (Tools.Count > 0)
        {
            options.Tools = [.. (tools ?? ToolRegistry.CreateDefault()).Resolve(Tools)];
        }

        options.McpServers = [.. McpServers];

        return options;
    }
}
