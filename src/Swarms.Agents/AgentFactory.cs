using Microsoft.Extensions.Logging;
using Swarms.Agents.DependencyInjection;
using Swarms.Agents.Tools;
using Swarms.Agents.Workflows.Definitions;

namespace Swarms.Agents;

/// <summary>
/// Creates agents wired to the application: their model from the <see cref="ChatClientProvider"/> (the agent's own
/// model name, or the configured default) and their logger from the application's logger factory. Registered by
/// <c>services.AddSwarmsAgents(...)</c>.
/// </summary>
public sealed class AgentFactory
{
    private readonly ChatClientProvider _models;
    private readonly ILoggerFactory? _loggerFactory;
    private readonly TimeProvider _time;

    /// <summary>Creates the factory (DI does this).</summary>
    public AgentFactory(ChatClientProvider models, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null, ToolRegistry? tools = null)
    {
        ArgumentNullException.ThrowIfNull(models);
        _models = models;
        _loggerFactory = loggerFactory;
        _time = timeProvider ?? TimeProvider.System;
        Tools = tools ?? ToolRegistry.CreateDefault(_time);
    }

    /// <summary>The tools definitions name (<c>"tools": [...]</c>): the built-ins and those added with <c>AddTools</c>.</summary>
    public ToolRegistry Tools { get; }

    /// <summary>An agent with <paramref name="options"/>; a model, logger factory or clock they leave unset comes from the application.</summary>
    public Agent Create(AgentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ChatClient ??= _models.GetChatClient(options.ModelName);
        options.LoggerFactory ??= _loggerFactory;
        if (ReferenceEquals(options.TimeProvider, TimeProvider.System))
        {
            options.TimeProvider = _time;
        }

        return new Agent(options);
    }

    /// <summary>
    /// The agent a swarm definition describes (as a workflow runs it: streaming, never printing its own panel);
    /// <paramref name="modelOverride"/> replaces the definition's model. Its tools come from <see cref="Tools"/>.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The definition names a tool that is not registered.</exception>
    public Agent Create(AgentDefinition definition, string? modelOverride = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var options = definition.ToOptions(Tools);
        options.ModelName = modelOverride ?? options.ModelName;
        return Create(options);
    }
}
