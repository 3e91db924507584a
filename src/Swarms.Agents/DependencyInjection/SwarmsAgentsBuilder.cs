using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Swarms.Agents.DependencyInjection;

/// <summary>Configures what <c>AddSwarmsAgents</c> registered, in the style of <c>AddDurableTaskWorker(b =&gt; ...)</c>.</summary>
public sealed class SwarmsAgentsBuilder
{
    internal SwarmsAgentsBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Adds a decorator around every model's chat client (for example <c>b =&gt; b.UseOpenTelemetry()</c>).</summary>
    public SwarmsAgentsBuilder UseChatClient(Action<ChatClientBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure<SwarmsAgentsOptions>(o => o.ChatClientPipeline.Add(configure));
        return this;
    }

    /// <summary>
    /// Registers tools by name in the application's <see cref="Tools.ToolRegistry"/> (which already has the built-ins), for
    /// swarm definitions (<c>"tools": ["get_weather"]</c>) and <see cref="AgentFactory"/>:
    /// <c>b.AddTools(r =&gt; r.Add("get_weather", GetWeather, "The weather in a city.", safeToRepeat: true))</c>.
    /// </summary>
    public SwarmsAgentsBuilder AddTools(Action<Tools.ToolRegistry> register)
    {
        ArgumentNullException.ThrowIfNull(register);
        Services.Configure<SwarmsAgentsOptions>(o => o.ToolRegistrations.Add(register));
        return this;
    }
}
