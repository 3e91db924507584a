using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Swarms.Agents.DependencyInjection;
using Swarms.Api.Configuration;
using Swarms.Api.DependencyInjection;
using Swarms.Api.Http;
using Swarms.Api.Storage;
using Swarms.Api.Telemetry;
using Swarms.Api.Live;
using Swarms.Functions.Http;
using Swarms.Functions.Live;
using Swarms.Functions.Queue;
using Swarms.Orchestration.DependencyInjection;
using Swarms.Orchestration.Publishing;
using Swarms.Orchestration.RunLog;
using Swarms.SignalR;

namespace Swarms.Functions;

/// <summary>The Functions app's composition root, callable by tests with their own configuration.</summary>
public static class FunctionsServices
{
    /// <summary>The activity source and meter of model calls.</summary>
    public const string ModelSource = "Swarms.Models";

    /// <summary>
    /// Registers the agents (model settings from the flat keys; OpenTelemetry on every chat client), the shared
    /// request handling with management URLs from the Durable binding, the poison queue writer on
    /// <c>AzureWebJobsStorage</c>, and OpenTelemetry with the Functions worker's defaults (OTLP when
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set).
    /// </summary>
    public static IServiceCollection AddSwarmsFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var hostJson = HostJson.Load(Path.Combine(AppContext.BaseDirectory, HostJson.FileName));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IManagementUrls, FunctionsManagementUrls>();
        services.AddSwarmsAgents(configuration).UseChatClient(c => c.UseOpenTelemetry(sourceName: ModelSource));
        // The run log is the SwarmRunEvents table of the app's storage account (a connection string, or the identity
        // settings infra/ deploys); tests give their own.
        if (!services.Any(d => d.ServiceType == typeof(IRunLog)))
        {
            services.AddSwarmsOrchestration(o => o.UseTableRunLog(configuration, StorageConnection.DefaultName));
        }

        services.AddSwarmsApi(o => o.SwarmsDirectory = AppContext.BaseDirectory);
        services.AddSwarmsLive(configuration);
        services.AddSingleton(hostJson.Queues);
        services.AddSingleton(sp => new PoisonMessageWriter(StorageConnection.Read(configuration), hostJson.Queues));

        var otlp = !string.IsNullOrWhiteSpace(configuration[FunctionsSettings.OtlpEndpoint]);
        var appInsights = configuration[FunctionsSettings.AppInsightsConnectionString];
        var telemetry = services.AddOpenTelemetry()
            .WithTracing(t => t.AddSource(ApiTelemetry.Name, ModelSource, "Swarms.*", "Microsoft.DurableTask*"))
            .WithMetrics(m => m.AddMeter(ApiTelemetry.Name, ModelSource, "Swarms.*"));
        telemetry.UseFunctionsWorkerDefaults();
        if (otlp)
        {
            telemetry.UseOtlpExporter();
        }

        if (!string.IsNullOrWhiteSpace(appInsights))
        {
            // infra/ turns Application Insights' local auth off: telemetry goes with the app identity's Entra token.
            var clientId = AuthenticationClientId(configuration[FunctionsSettings.AppInsightsAuthentication]);
            telemetry.UseAzureMonitorExporter(o =>
            {
                o.ConnectionString = appInsights;
                if (clientId is not null)
                {
                    o.Credential = new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
                }
            });
        }

        return services;
    }

    /// <summary>
    /// The live channel through Azure SignalR Service's REST API when <c>AzureSignalRConnectionString</c> is set: negotiate,
    /// subscribe, and a publisher for every logged batch of a run's events. Without it, negotiate and subscribe answer
    /// 503 naming the setting, and runs go on (their events are in the run log, and on the SSE endpoint).
    /// </summary>
    internal static IServiceCollection AddSwarmsLive(this IServiceCollection services, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration[SignalRRestOptions.ConnectionStringSetting]))
        {
            return services;
        }

        services.AddAzureSignalRRest(configuration, o => o.SerializerOptions = SwarmEventJson.Options);
        services.AddSingleton<ILiveConnections, RestLiveConnections>();
        services.AddSingleton<IRunEventPublisher, RestRunEventPublisher>();
        return services;
    }

    // "ClientId=<id>;Authorization=AAD" -> <id>; null when the string names no client id.
    internal static string? AuthenticationClientId(string? authentication) =>
        authentication?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Where(kv => kv.Length == 2 && kv[0].Equals("ClientId", StringComparison.OrdinalIgnoreCase) && kv[1].Length > 0)
            .Select(kv => kv[1])
            .FirstOrDefault();
}
