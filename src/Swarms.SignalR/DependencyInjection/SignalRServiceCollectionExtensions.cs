using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Swarms.SignalR;
using Swarms.SignalR.DependencyInjection;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Azure SignalR Service REST client, negotiate and publisher.</summary>
public static class SignalRServiceCollectionExtensions
{
    /// <summary>The name of the <see cref="HttpClient"/> the client sends with (no retry handlers: the publisher retries).</summary>
    public const string HttpClientName = "Swarms.SignalR";

    /// <summary>
    /// Registers <see cref="SignalRRestClient"/> (REST calls and negotiate) and <see cref="SignalRPublisher"/> as
    /// singletons, reading the connection string from the <c>AzureSignalRConnectionString</c> setting, and a hosted
    /// service that creates them at start (bad settings fail the start) and flushes the publisher at stop.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration holding <c>AzureSignalRConnectionString</c> (an app setting, an
    /// environment variable or <c>local.settings.json</c> <c>Values</c> in Azure Functions).</param>
    /// <param name="configure">Adjusts the options after the setting is read (hub, credential, publisher limits).</param>
    /// <returns>The services.</returns>
    /// <remarks>
    /// Register it only when the setting is present (<c>configuration["AzureSignalRConnectionString"]</c>); when it is
    /// missing the host fails to start with an error that names it. A <see cref="TimeProvider"/> registered in the
    /// container is used for token times.
    /// </remarks>
    public static IServiceCollection AddAzureSignalRRest(
        this IServiceCollection services,
        IConfiguration configuration,
        Action<SignalRRestOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new SignalRRestOptions { ConnectionString = configuration[SignalRRestOptions.ConnectionStringSetting] };
        configure?.Invoke(options);

        services.AddHttpClient(HttpClientName);
        services.TryAddSingleton(provider =>
        {
            var source = new FactoryHttpClientSource(provider.GetRequiredService<IHttpClientFactory>(), HttpClientName);
            return new SignalRRestClient(
                options,
                source.Get,
                provider.GetService<TimeProvider>() ?? TimeProvider.System,
                provider.GetService<ILogger<SignalRRestClient>>());
        });
        services.TryAddSingleton(provider => new SignalRPublisher(
            provider.GetRequiredService<SignalRRestClient>(),
            provider.GetService<ILogger<SignalRPublisher>>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PublisherShutdownService>());
        return services;
    }
}
