namespace Swarms.Functions;

/// <summary>
/// The settings the Functions app reads itself (the Functions host reads <c>AzureWebJobsStorage*</c> and
/// <c>APPLICATIONINSIGHTS_*</c> too). On Azure they come from infra/app-settings.json, the one list of what the Function
/// App gets; a test checks that every setting the app looks up there is in it, or is one of <see cref="Optional"/>.
/// </summary>
public static class FunctionsSettings
{
    /// <summary>Application Insights: where the worker's traces and metrics go (with <see cref="AppInsightsAuthentication"/>).</summary>
    public const string AppInsightsConnectionString = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary><c>ClientId=&lt;identity client id&gt;;Authorization=AAD</c>: telemetry is sent with that identity's Entra token.</summary>
    public const string AppInsightsAuthentication = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>OTLP export when set (local runs of the Functions app).</summary>
    public const string OtlpEndpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// Settings the app reads when present and does without on Azure (defaults, or other providers' keys): the model
    /// keys of the other providers and local model, OTLP. Documented in README.md and local.settings.sample.json.
    /// </summary>
    public static readonly IReadOnlySet<string> Optional = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "SWARMS_MODEL", "AZURE_OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_API_KEY", "OPENAI_MODEL", "SWARMS_LOCAL_TOKENS_PER_SECOND",
        OtlpEndpoint,
    };

    /// <summary>
    /// The other forms of the <c>AzureWebJobsStorage</c> connection the app accepts (as the Functions host does): a
    /// connection string (Azurite locally), or per-service endpoints instead of <c>__accountName</c>. On Azure the
    /// identity-based <c>__accountName</c> form of infra/app-settings.json is used. Documented in README.md.
    /// </summary>
    public static readonly IReadOnlySet<string> StorageConnectionForms = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "AzureWebJobsStorage", "AzureWebJobsStorage__queueServiceUri", "AzureWebJobsStorage__tableServiceUri",
    };
}
