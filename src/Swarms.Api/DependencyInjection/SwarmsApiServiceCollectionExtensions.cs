using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Swarms.Agents.Workflows.Definitions;
using Swarms.Api.Http;
using Swarms.Api.Live;
using Swarms.Api.Queue;
using Swarms.Api.Runs;
using Swarms.Orchestration.Publishing;

namespace Swarms.Api.DependencyInjection;

/// <summary>Registers the app's request handling.</summary>
public static class SwarmsApiServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="SwarmsHttpApi"/> (the <c>/api</c> handlers), <see cref="SwarmTaskMessageHandler"/> (the
    /// queue), <see cref="SwarmRunStarter"/>, the <see cref="SwarmLibrary"/> of known swarms and, unless one is
    /// registered already, <see cref="RequestManagementUrls"/> for the check-status payload; <see cref="LiveHttpApi"/>
    /// (negotiate and subscribe, over the host's <see cref="ILiveConnections"/>) and <see cref="RunEventSignals"/> (wakes SSE
    /// streams). Both hosts call it; the
    /// Durable client comes from the host (the local host's, or the Functions binding).
    /// </summary>
    public static IServiceCollection AddSwarmsApi(this IServiceCollection services, Action<SwarmsApiOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new SwarmsApiOptions();
        configure?.Invoke(options);
        services.TryAddSingleton(new SwarmLibrary(SwarmCatalog.Discover(options.SwarmsDirectory, AppContext.BaseDirectory)));
        services.TryAddSingleton<IManagementUrls>(new RequestManagementUrls(options.ApiKey));
        services.TryAddSingleton<SwarmRunStarter>();
        services.TryAddSingleton<RunStatusReader>();
        services.TryAddSingleton<SwarmsHttpApi>();
        services.TryAddSingleton<SwarmTaskMessageHandler>();
        services.TryAddSingleton<LiveHttpApi>();
        services.TryAddSingleton<RunEventSignals>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRunEventPublisher, RunEventSignals>(sp => sp.GetRequiredService<RunEventSignals>()));
        return services;
    }
}
