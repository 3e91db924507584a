using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Swarms.Agents.DependencyInjection;
using Swarms.Api.Configuration;
using Swarms.Api.DependencyInjection;
using Swarms.Api.Runs;
using Swarms.Durable.Hosting;
using Swarms.Orchestration.DependencyInjection;
using Swarms.Host.Configuration;
using Swarms.Host.Durable;
using Swarms.Host.Http;
using Swarms.Host.Live;
using Swarms.Host.Queue;
using Swarms.Host.Telemetry;

namespace Swarms.Host;

/// <summary>
/// Composes the local host: configuration (host.json, local.settings.json, environment, command line), the agents
/// and their models (with OpenTelemetry on every chat client), the durable worker and client over the configured
/// backend with the swarm orchestrations, the shared request handling, the queue listener when storage is
/// configured, keys, problem responses and telemetry. Tests build it in process; <c>Program</c> runs it.
/// </summary>
public static partial class SwarmsHost
{
    /// <summary>Builds the host from command-line arguments.</summary>
    /// <param name="args">The command line (<c>--urls</c>, any <c>--Key=value</c> setting).</param>
    /// <param name="contentRoot">Where host.json, local.settings.json and swarms/ are read (default: the working directory).</param>
    /// <param name="configure">A last say over the builder (tests add exporters).</param>
    public static WebApplication Build(string[] args, string? contentRoot = null, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = contentRoot ?? Directory.GetCurrentDirectory() });
        var hostJson = HostConfiguration.AddAppFiles(builder.Configuration, builder.Environment.ContentRootPath);
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(HostSettings.DefaultUrl);
        }

        var configuration = builder.Configuration;
        var apiKey = configuration[HostSettings.ApiKey] is { Length: > 0 } key ? key : null;
        var backend = BackendChoice.From(configuration, hostJson, builder.Environment.ContentRootPath);
        builder.Services.AddSingleton(hostJson);
        builder.Services.AddSingleton(backend);
        builder.Services.AddSwarmsAgents(configuration).UseChatClient(c => c.UseOpenTelemetry(sourceName: HostTelemetry.ModelSource));
        builder.Services.AddSwarmsOrchestration(o =>
        {
            // The run log lives beside the durable state: a table in the same SQLite file, or SwarmRunEvents in the same storage account.
            if (backend.DatabasePath is { } path)
            {
                o.UseSqliteRunLog(path);
            }
            else
            {
                o.UseTableRunLog(configuration, HostSettings.Storage);
            }
        });
        builder.Services.AddSwarmsDurable(backend.Configure).AddTasks(r => r.AddSwarmOrchestrations());
        builder.Services.AddSwarmsApi(o =>
        {
            o.SwarmsDirectory = builder.Environment.ContentRootPath;
            o.ApiKey = apiKey;
        });
        if (backend.Storage is { } storage)
        {
            builder.Services.AddSingleton(storage);
            builder.Services.AddSingleton(hostJson.Queues);
            builder.Services.AddHostedService<QueueListener>();
        }

        builder.Services.AddSwarmsLive(configuration, apiKey);
        builder.Services.AddHostTelemetry(configuration);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseProblemResponses();
        app.UseDashboard();
        if (apiKey is not null)
        {
            app.UseMiddleware<ApiKeyMiddleware>(ApiKeyMiddleware.Encode(apiKey));
        }

        app.MapSwarmsApp();
        app.MapSwarmsLive();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Swarms.Host");
        var library = app.Services.GetRequiredService<SwarmLibrary>();
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            LogStarted(logger, string.Join(", ", app.Urls), backend.Description, library.List().Count, backend.Storage is null ? "off (no AzureWebJobsStorage)" : "swarm-tasks", apiKey is null ? "off" : "on");
            foreach (var invalid in library.Invalid)
            {
                LogInvalidSwarm(logger, invalid.Message);
            }
        });
        return app;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Swarms host listening on {Urls}; backend {Backend}; {SwarmCount} swarms; queue {Queue}; keys {Keys}")]
    private static partial void LogStarted(ILogger logger, string urls, string backend, int swarmCount, string queue, string keys);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Swarm definition skipped: {Problem}")]
    private static partial void LogInvalidSwarm(ILogger logger, string problem);
}
