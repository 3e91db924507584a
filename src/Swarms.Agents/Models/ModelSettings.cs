using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Swarms.Agents.Models;

/// <summary>
/// Which model provider to use and how to reach it: the options behind <see cref="ChatClientFactory"/> and
/// <c>services.AddSwarmsAgents(configuration)</c>. Bound from configuration with the flat keys the CLI, the local host
/// and Azure Functions share (environment variables, the <c>Values</c> of <c>local.settings.json</c>):
/// </summary>
/// <remarks>
/// <list type="table">
/// <item><term>SWARMS_MODEL_PROVIDER</term><description><c>local</c> (default when nothing else is configured), <c>openai</c> or <c>azure-openai</c>.</description></item>
/// <item><term>SWARMS_MODEL</term><description>Default model (or Azure deployment) for agents that name none.</description></item>
/// <item><term>AZURE_OPENAI_ENDPOINT, AZURE_OPENAI_DEPLOYMENT, AZURE_OPENAI_API_KEY</term><description>Azure OpenAI; without a key, <c>DefaultAzureCredential</c> is used.</description></item>
/// <item><term>OPENAI_BASE_URL, OPENAI_API_KEY, OPENAI_MODEL</term><description>OpenAI or any compatible endpoint (Ollama, vLLM, LM Studio).</description></item>
/// <item><term>SWARMS_LOCAL_TOKENS_PER_SECOND</term><description>Streaming rate of the local model (0: as fast as possible).</description></item>
/// </list>
/// The core never reads these by itself: the application (or the CLI, or a host) gives its configuration.
/// </remarks>
public sealed record ModelSettings
{
    /// <summary>The provider names understood.</summary>
    public static IReadOnlyList<string> Providers { get; } = ["local", "openai", "azure-openai"];

    /// <summary><c>local</c>, <c>openai</c> or <c>azure-openai</c>.</summary>
    public string Provider { get; set; } = "local";

    /// <summary>Default model or deployment.</summary>
    public string? Model { get; set; }

    /// <summary>Azure OpenAI endpoint, or the OpenAI-compatible base URL.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>API key; null for Azure means <c>DefaultAzureCredential</c>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Streaming rate of the local model.</summary>
    public double LocalTokensPerSecond { get; set; } = LocalModelOptions.DefaultTokensPerSecond;

    /// <summary>Network timeout of one model call.</summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Reads the settings from <paramref name="configuration"/>'s flat keys (see the remarks).</summary>
    /// <exception cref="ArgumentException">A setting is invalid; the message names it.</exception>
    public static ModelSettings FromConfiguration(IConfiguration configuration)
    {
        var settings = new ModelSettings();
        Bind(configuration, settings);
        return settings;
    }

    /// <summary>Sets <paramref name="settings"/> from <paramref name="configuration"/>'s flat keys; what they leave out keeps its value.</summary>
    /// <exception cref="ArgumentException">A setting is invalid; the message names it.</exception>
    public static void Bind(IConfiguration configuration, ModelSettings settings)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(settings);
        string? Get(string name) => configuration[name] is { } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

        string? azureEndpoint = Get("AZURE_OPENAI_ENDPOINT"), openAiBase = Get("OPENAI_BASE_URL"), openAiKey = Get("OPENAI_API_KEY");
        var provider = Get("SWARMS_MODEL_PROVIDER")?.ToLowerInvariant()
            ?? (azureEndpoint is not null ? "azure-openai" : openAiBase is not null || openAiKey is not null ? "openai" : "local");
        if (!Providers.Contains(provider))
        {
            throw new ArgumentException($"SWARMS_MODEL_PROVIDER '{provider}' is not known; use one of: {string.Join(", ", Providers)}.");
        }

        if (Get("SWARMS_LOCAL_TOKENS_PER_SECOND") is { } rateText)
        {
            settings.LocalTokensPerSecond = double.TryParse(rateText, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && rate >= 0
                ? rate
                : throw new ArgumentException($"SWARMS_LOCAL_TOKENS_PER_SECOND '{rateText}' is not a number of tokens per second (0 or more).");
        }

        settings.Provider = provider;
        switch (provider)
        {
            case "azure-openai":
                settings.Endpoint = ParseUri("AZURE_OPENAI_ENDPOINT", azureEndpoint ?? throw new ArgumentException("AZURE_OPENAI_ENDPOINT is required for the azure-openai provider."));
                settings.Model = Get("SWARMS_MODEL") ?? Get("AZURE_OPENAI_DEPLOYMENT") ?? settings.Model;
                settings.ApiKey = Get("AZURE_OPENAI_API_KEY") ?? settings.ApiKey;
                break;
            case "openai":
                settings.Endpoint = openAiBase is null ? settings.Endpoint : ParseUri("OPENAI_BASE_URL", openAiBase);
                settings.Model = Get("SWARMS_MODEL") ?? Get("OPENAI_MODEL") ?? settings.Model;
                settings.ApiKey = openAiKey ?? settings.ApiKey;
                break;
            default:
                settings.Model = Get("SWARMS_MODEL") ?? settings.Model;
                break;
        }
    }

    private static Uri ParseUri(string name, string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new ArgumentException($"{name} '{value}' is not an absolute http(s) URL.");
}
