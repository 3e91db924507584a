using System.ClientModel;
using System.ClientModel.Primitives;
using Azure.AI.OpenAI;
using Azure.Identity;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using OpenAI;
using Swarms.Agents.Configuration;

namespace Swarms.Agents.Models;

/// <summary>Builds the <see cref="IChatClient"/> that <see cref="ModelSettings"/> describe.</summary>
public static class ChatClientFactory
{
    /// <summary>
    /// The configuration the CLI, the samples and the hosts read model settings from: the <c>Values</c> of
    /// <c>local.settings.json</c> in <paramref name="directory"/> (the working directory by default), then the
    /// environment variables, which win.
    /// </summary>
    public static IConfiguration LoadConfiguration(string? directory = null) =>
        new ConfigurationBuilder()
            .AddLocalSettingsValues(Path.Combine(directory ?? Directory.GetCurrentDirectory(), "local.settings.json"))
            .AddEnvironmentVariables()
            .Build();

    /// <summary>
    /// The chat client configured by the environment and <c>local.settings.json</c> (see <see cref="ModelSettings"/>;
    /// nothing configured: the offline local model). Call it where your app starts; agents never read configuration.
    /// </summary>
    /// <exception cref="ArgumentException">A setting is invalid or missing; the message names it.</exception>
    public static IChatClient FromEnvironment(string? model = null) =>
        Create(ModelSettings.FromConfiguration(LoadConfiguration()), model);

    /// <summary>
    /// Creates the chat client. <paramref name="model"/> overrides the settings' default model. The SDK's own
    /// retries are turned off: the <see cref="Agent"/> retries, so that every attempt is visible in its events.
    /// </summary>
    /// <exception cref="ArgumentException">The settings lack something the provider needs.</exception>
    public static IChatClient Create(ModelSettings settings, string? model = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        model ??= settings.Model;
        switch (settings.Provider)
        {
            case "azure-openai":
            {
                var deployment = model ?? throw new ArgumentException("Set AZURE_OPENAI_DEPLOYMENT (or SWARMS_MODEL, or the agent's ModelName) for the azure-openai provider.");
                var options = new AzureOpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(0), NetworkTimeout = settings.NetworkTimeout };
                var endpoint = settings.Endpoint ?? throw new ArgumentException("AZURE_OPENAI_ENDPOINT is required for the azure-openai provider.");
                var client = settings.ApiKey is { } key
                    ? new AzureOpenAIClient(endpoint, new ApiKeyCredential(key), options)
                    : new AzureOpenAIClient(endpoint, new DefaultAzureCredential(), options);
                return client.GetChatClient(deployment).AsIChatClient();
            }

            case "openai":
            {
                var options = new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(0), NetworkTimeout = settings.NetworkTimeout };
                if (settings.Endpoint is { } endpoint)
                {
                    options.Endpoint = endpoint;
                }

                // Local OpenAI-compatible servers (Ollama, vLLM, LM Studio) accept any key.
                var key = settings.ApiKey ?? (settings.Endpoint is not null ? "not-needed" :
                    throw new ArgumentException("Set OPENAI_API_KEY, or OPENAI_BASE_URL for a compatible local server."));
                var chat = new OpenAIClient(new ApiKeyCredential(key), options)
                    .GetChatClient(model ?? throw new ArgumentException("Set OPENAI_MODEL (or SWARMS_MODEL, or the agent's ModelName) for the openai provider."));
                return chat.AsIChatClient();
            }

            default:
                return new LocalChatClient(new LocalModelOptions { TokensPerSecond = settings.LocalTokensPerSecond });
        }
    }
}
