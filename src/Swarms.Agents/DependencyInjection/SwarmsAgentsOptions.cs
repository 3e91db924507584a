using Microsoft.Extensions.AI;

namespace Swarms.Agents.DependencyInjection;

/// <summary>What <c>AddSwarmsAgents</c> registers beyond the model settings.</summary>
public sealed class SwarmsAgentsOptions
{
    /// <summary>
    /// Decorators added around every model's chat client, after logging (the <see cref="ChatClientBuilder.Use(Func{IChatClient, IChatClient})"/>
    /// pipeline of Microsoft.Extensions.AI): OpenTelemetry, caching, rate limiting. Not
    /// function invocation: an agent with tools adds Microsoft.Extensions.AI's function-invocation loop on top of this
    /// pipeline itself (with its own limit, and retries that never repeat a tool), and refuses a model client that already
    /// has one. Agents still retry a failed call themselves, so that each attempt is an event.
    /// </summary>
    public IList<Action<ChatClientBuilder>> ChatClientPipeline { get; } = [];

    /// <summary>Registrations of the application's tools, applied to the <see cref="Tools.ToolRegistry"/> after the built-ins.</summary>
    public IList<Action<Tools.ToolRegistry>> ToolRegistrations { get; } = [];
}
