namespace Swarms.Host.Configuration;

/// <summary>
/// The settings the local host reads beyond the model keys (<c>SWARMS_MODEL_PROVIDER</c>... read by
/// <c>AddSwarmsAgents</c>), from environment variables, then <c>local.settings.json</c>'s <c>Values</c>, then
/// <c>host.json</c> (environment variables win, as in the Functions host).
/// </summary>
public static class HostSettings
{
    /// <summary>The Azure Storage connection (a connection string, <c>UseDevelopmentStorage=true</c>, or
    /// <c>AzureWebJobsStorage__accountName</c> with an identity): when set, runs use Azure Storage and the queue
    /// listener runs; when not, the embedded SQLite backend and no queue.</summary>
    public const string Storage = "AzureWebJobsStorage";

    /// <summary>Local only: the key every route but <c>/api/health</c> requires (<c>x-functions-key</c> header or <c>code</c> query).</summary>
    public const string ApiKey = "SWARMS_API_KEY";

    /// <summary>Local only: the embedded SQLite database (default <c>.swarms/runs.db</c> under the working directory).</summary>
    public const string DatabasePath = "SWARMS_DB_PATH";

    /// <summary>Local only: how long a SQLite instance lock lasts, so how soon a restarted host resumes the runs of
    /// one that was killed (default <c>00:00:30</c>).</summary>
    public const string SqliteLockDuration = "SWARMS_SQLITE_LOCK_DURATION";

    /// <summary>Local only: when set, the <c>swarms</c> hub goes through Azure SignalR Service (app-server mode,
    /// Microsoft.Azure.SignalR's own setting; <c>Azure__SignalR__ConnectionString</c> as an environment variable); unset,
    /// the hub is in process.</summary>
    public const string AzureSignalRConnectionString = "Azure:SignalR:ConnectionString";

    /// <summary>OpenTelemetry: export traces and metrics over OTLP to this endpoint when set.</summary>
    public const string OtlpEndpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The default database path, relative to the working directory.</summary>
    public const string DefaultDatabasePath = ".swarms/runs.db";

    /// <summary>The default address, as <c>func start</c> listens.</summary>
    public const string DefaultUrl = "http://localhost:7071";
}
