using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Swarms.Agents;
using Swarms.Agents.Configuration;
using Swarms.Agents.DependencyInjection;
using Swarms.Agents.Models;

namespace Swarms.Cli;

/// <summary>
/// Turns <c>--provider</c>, the environment and <c>local.settings.json</c> into the application's agent factory, by the
/// same path the hosts take: configuration with flat keys, then <c>services.AddSwarmsAgents(configuration)</c>.
/// </summary>
internal sealed class ModelChoice : IDisposable
{
    private readonly ServiceProvider _services;

    private ModelChoice(ServiceProvider services) => _services = services;

    /// <summary>Creates agents with the configured model (or the agent's own) and the CLI's logging.</summary>
    public AgentFactory Agents => _services.GetRequiredService<AgentFactory>();

    /// <exception cref="CliUsageException">Unknown provider or incomplete settings.</exception>
    public static ModelChoice Create(CliContext context, string? provider, string? model)
    {
        var configuration = Configuration(context, provider);
        try
        {
            var services = new ServiceCollection();
            services.AddSingleton(context.Tools);
            services.AddSwarmsAgents(configuration);
            var choice = new ModelChoice(services.BuildServiceProvider());
            // Fail now, before any output, when the provider lacks a setting.
            choice._services.GetRequiredService<ChatClientProvider>().GetChatClient(model);
            return choice;
        }
        catch (ArgumentException ex)
        {
            throw new CliUsageException(ex.Message);
        }
    }

    /// <summary>
    /// The model configuration: <c>local.settings.json</c>, then the environment, then <c>--provider</c>; what a host's
    /// <c>AddSwarmsAgents(configuration)</c> binds (the durable runs' worker host does).
    /// </summary>
    /// <exception cref="CliUsageException">Unknown provider.</exception>
    public static IConfiguration Configuration(CliContext context, string? provider)
    {
        var builder = new ConfigurationBuilder().AddLocalSettingsValues(Path.Combine(context.WorkingDirectory, "local.settings.json"));
        if (context.Environment is { } env)
        {
            builder.AddInMemoryCollection(env);
        }
        else
        {
            builder.AddEnvironmentVariables();
        }

        if (provider is not null)
        {
            if (!ModelSettings.Providers.Contains(provider))
            {
                throw new CliUsageException($"--provider '{provider}' is not known; use one of: {string.Join(", ", ModelSettings.Providers)}.");
            }

            builder.AddInMemoryCollection([new("SWARMS_MODEL_PROVIDER", provider)]);
        }

        return builder.Build();
    }

    public void Dispose() => _services.Dispose();
}
