using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Swarms.Api.Live;
using Swarms.Orchestration.Publishing;

namespace Swarms.Host.Live;

/// <summary>
/// The local host's live channel: the ASP.NET Core SignalR hub <c>swarms</c> in process, or Azure SignalR Service
/// (app-server mode, Microsoft.Azure.SignalR) when <c>Azure:SignalR:ConnectionString</c> is set; the publisher that
/// sends every logged batch of a run's events to its group.
/// </summary>
internal static class LiveHosting
{
    /// <summary>Where the hub is mapped: the path of Azure SignalR's client endpoint, so negotiate's URL has its shape.</summary>
    public const string HubPath = "/client";

    /// <summary>The setting that switches the hub to Azure SignalR Service (the SDK's own default key).</summary>
    public const string AzureConnectionString = Configuration.HostSettings.AzureSignalRConnectionString;

    public static IServiceCollection AddSwarmsLive(this IServiceCollection services, IConfiguration configuration, string? apiKey)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<HubConnections>();
        services.AddSingleton(sp => new HubAccessTokens(apiKey, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ILiveConnections, HubLiveConnections>();
        services.AddSingleton<IRunEventPublisher, HubRunEventPublisher>();
        var signalR = services.AddSignalR().AddJsonProtocol(o => Use(o.PayloadSerializerOptions));
        if (!string.IsNullOrWhiteSpace(configuration[AzureConnectionString]))
        {
            signalR.AddAzureSignalR(o => o.ConnectionString = configuration[AzureConnectionString]);
        }

        return services;
    }

    public static IEndpointRouteBuilder MapSwarmsLive(this IEndpointRouteBuilder app)
    {
        app.MapHub<SwarmsHub>(HubPath);
        return app;
    }

    /// <summary>Events on the hub in their one JSON form (SwarmEventJson): camelCase, kebab-case enums.</summary>
    private static void Use(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
    }
}
