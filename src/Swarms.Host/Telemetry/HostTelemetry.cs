using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Swarms.Api.Telemetry;
using Swarms.Host.Configuration;

namespace Swarms.Host.Telemetry;

/// <summary>
/// OpenTelemetry for the local host: traces of each run (the orchestration and its steps from DurableTask.Core and
/// the orchestrations' own sources, each agent turn, each model call with the GenAI semantic conventions from
/// Microsoft.Extensions.AI's <c>UseOpenTelemetry</c>) and metrics (runs, queue messages, token usage, model call
/// duration, HTTP). Exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the standard
/// <c>OTEL_*</c> variables apply); otherwise collected for nobody, at almost no cost.
/// </summary>
internal static class HostTelemetry
{
    /// <summary>The activity source and meter of model calls (Microsoft.Extensions.AI's OpenTelemetry chat client).</summary>
    public const string ModelSource = "Swarms.Models";

    /// <summary>Every source the host listens to.</summary>
    public static readonly string[] Sources = [ApiTelemetry.Name, ModelSource, "Swarms.*", "DurableTask.Core", "Microsoft.DurableTask*"];

    /// <summary>The service name resources carry.</summary>
    public const string ServiceName = "swarms-host";

    public static IServiceCollection AddHostTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var otlp = !string.IsNullOrWhiteSpace(configuration[HostSettings.OtlpEndpoint]);
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName))
            .WithTracing(t =>
            {
                t.AddSource(Sources).AddAspNetCoreInstrumentation();
                if (otlp)
                {
                    t.AddOtlpExporter();
                }
            })
            .WithMetrics(m =>
            {
                m.AddMeter(Sources).AddAspNetCoreInstrumentation();
                if (otlp)
                {
                    m.AddOtlpExporter();
                }
            });
        return services;
    }
}
