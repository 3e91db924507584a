using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Swarms.Agents.Models;

namespace Swarms.Agents.DependencyInjection;

/// <summary>Registers agents and their models in a service collection.</summary>
public static class SwarmsAgentsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the model settings bound from <paramref name="configuration"/>'s flat keys (<c>SWARMS_MODEL_PROVIDER</c>,
    /// <c>OPENAI_API_KEY</c>... see <see cref="ModelSettings"/>), the <see cref="ChatClientProvider"/>, the default
    /// <see cref="IChatClient"/> and the <see cref="AgentFactory"/> that gives agents their model and the application's
    /// logger, and the <see cref="Tools.ToolRegistry"/> of tools known by name (the built-ins, plus <c>AddTools</c>). The CLI, the local host and the Functions app all start here.
    /// </summary>
    public static SwarmsAgentsBuilder AddSwarmsAgents(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddSwarmsAgents(settings => ModelSettings.Bind(configuration, settings));
    }

    /// <summary>Registers agents with model settings set in code.</summary>
    public static SwarmsAgentsBuilder AddSwarmsAgents(this IServiceCollection services, Action<ModelSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<ModelSettings>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddOptions<SwarmsAgentsOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ChatClientProvider>();
        services.TryAddSingleton<IChatClient>(sp => sp.GetRequiredService<ChatClientProvider>().GetChatClient());
        services.TryAddSingleton(sp =>
        {
            var registry = Tools.ToolRegistry.CreateDefault(sp.GetService<TimeProvider>());
            foreach (var register in sp.GetRequiredService<IOptions<SwarmsAgentsOptions>>().Value.ToolRegistrations)
            {
                register(registry);
            }

            return registry;
        });
        services.TryAddSingleton<AgentFactory>();
        return new SwarmsAgentsBuilder(services);
    }
}
