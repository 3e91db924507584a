using Microsoft.Extensions.AI;

namespace Swarms.Agents.DependencyInjection;

/// <summary>What <c>AddSwarmsAgents</c> registers beyond the model settings.</summary>
public sealed class SwarmsAgentsOptions
{
    /// <summary>
    /// Decorators added around every model's chat client, after logging (the <see cref="ChatClientBuilder.Use(Func{IChatClient, IChatClient})"/>
    /// pipeline of Microsoft.Extensions.AI): OpenTelemetry, caching, rate limiting, function invocation. Agents
    /// still retry a failed call themselves, so that each attempt is an event.
    /// </summary>
    public IList<Action<ChatClientBuilder>> ChatClientPipeline { get; } = [];
}
