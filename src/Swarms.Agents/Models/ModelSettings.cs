using System.Globalization;
using System.Text.Json;

namespace Swarms.Agents.Models;

/// <summary>
/// Which model provider to use and how to reach it. Read from environment variables, and from the
/// <c>Values</c> of <c>local.settings.json</c> in the working directory (environment variables win), so the
/// same settings serve the CLI, the local host and Azure Functions.
/// </summary>
/// <remarks>
/// <list type="table">
/// <item><term>SWARMS_MODEL_PROVIDER</term><description><c>local</c> (default when nothing else is configured), <c>openai</c> or <c>azure-openai</c>.</description></item>
/// <item><term>SWARMS_MODEL</term><description>Default model (or Azure deployment) for agents that name none.</description></item>
/// <item><term>AZURE_OPENAI_ENDPOINT, AZURE_OPENAI_DEPLOYMENT, AZURE_OPENAI_API_KEY</term><description>Azure OpenAI; without a key, <c>DefaultAzureCredential</c> is used.</description></item>
/// <item><term>OPENAI_BASE_URL, OPENAI_API_KEY, OPENAI_MODEL</term><description>OpenAI or any compatible endpoint (Ollama, vLLM, LM Studio).</description></item>
/// <item><term>SWARMS_LOCAL_TOKENS_PER_SECOND</term><description>Streaming rate of the local model (0: as fast as possible).</description></item>
/// </list>
/// </remarks>
public sealed record ModelSettings
{
    /// <summary>The provider names understood.</summary>
    public static IReadOnlyList<string> Providers { get; } = ["local", "openai", "azure-openai"];

    /// <summary><c>local</c>, <c>openai</c> or <c>azure-openai</c>.</summary>
    public string Provider { get; init; } = "local";

    /// <summary>Default model or deployment.</summary>
    public string? Model { get; init; }

    /// <summary>Azure OpenAI endpoint, or the OpenAI-compatible base URL.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>API key; null for Azure means <c>DefaultAzureCredential</c>.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Streaming rate of the local model.</summary>
    public double LocalTokensPerSecond { get; init; } = LocalModelOptions.DefaultTokensPerSecond;

    /// <summary>Network timeout of one model call.</summary>
    public TimeSpan NetworkTimeout { get; init; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// Reads the settings. <paramref name="variables"/> replaces the process environment (for tests);
    /// <paramref name="settingsFile"/> is the <c>local.settings.json</c> to read, if it exists.
    /// </summary>
    /// <exception cref="ArgumentException">A setting is invalid; the message names it.</exception>
    public static ModelSettings FromEnvironment(IReadOnlyDictionary<string, string?>? variables = null, string? settingsFile = "local.settings.json")
    {
        var values = ReadSettingsFile(settingsFile);
        string? Get(string name)
        {
            var v = variables is null ? Environment.GetEnvironmentVariable(name) : variables.GetValueOrDefault(name);
            if (string.IsNullOrWhiteSpace(v))
            {
                values.TryGetValue(name, out v);
            }

            return string.IsNullOrWhiteSpace(v) ? null : v.Trim();
        }

        string? azureEndpoint = Get("AZURE_OPENAI_ENDPOINT"), openAiBase = Get("OPENAI_BASE_URL"), openAiKey = Get("OPENAI_API_KEY");
        var provider = Get("SWARMS_MODEL_PROVIDER")?.ToLowerInvariant()
            ?? (azureEndpoint is not null ? "azure-openai" : openAiBase is not null || openAiKey is not null ? "openai" : "local");
        if (!Providers.Contains(provider))
        {
            throw new ArgumentException($"SWARMS_MODEL_PROVIDER '{provider}' is not known; use one of: {string.Join(", ", Providers)}.");
        }

        double rate = LocalModelOptions.DefaultTokensPerSecond;
        if (Get("SWARMS_LOCAL_TOKENS_PER_SECOND") is { } rateText &&
            (!double.TryParse(rateText, NumberStyles.Float, CultureInfo.InvariantCulture, out rate) || rate < 0))
        {
            throw new ArgumentException($"SWARMS_LOCAL_TOKENS_PER_SECOND '{rateText}' is not a number of tokens per second (0 or more).");
        }

        return provider switch
        {
            "azure-openai" => new ModelSettings
            {
                Provider = provider,
                Endpoint = ParseUri("AZURE_OPENAI_ENDPOINT", azureEndpoint ?? throw new ArgumentException("AZURE_OPENAI_ENDPOINT is required for the azure-openai provider.")),
                Model = Get("SWARMS_MODEL") ?? Get("AZURE_OPENAI_DEPLOYMENT"),
                ApiKey = Get("AZURE_OPENAI_API_KEY"),
            },
            "openai" => new ModelSettings
            {
                Provider = provider,
                Endpoint = openAiBase is null ? null : ParseUri("OPENAI_BASE_URL", openAiBase),
                Model = Get("SWARMS_MODEL") ?? Get("OPENAI_MODEL"),
                ApiKey = openAiKey,
            },
            _ => new ModelSettings { Provider = "local", Model = Get("SWARMS_MODEL"), LocalTokensPerSecond = rate },
        };
    }

    private static Uri ParseUri(string name, string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new ArgumentException($"{name} '{value}' is not an absolute http(s) URL.");

    private static Dictionary<string, string?> ReadSettingsFile(string? path)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (path is null || !File.Exists(path))
        {
            return result;
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            if (doc.RootElement.TryGetProperty("Values", out var values) && values.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in values.EnumerateObject())
                {
                    result[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText();
                }
            }
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"{Path.GetFullPath(path)} is not valid JSON: {ex.Message}", ex);
        }

        return result;
    }
}
