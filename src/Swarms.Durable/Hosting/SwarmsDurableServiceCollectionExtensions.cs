using DurableTask.Core;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Swarms.Durable.Client;

namespace Swarms.Durable.Hosting;

/// <summary>The one registration: a Durable Task worker and client over a chosen backend.</summary>
public static class SwarmsDurableServiceCollectionExtensions
{
    /// <summary>
    /// Registers the real Durable Task SDK worker (a hosted service running DurableTask.Core's TaskHubWorker with
    /// the SDK's shims) and a <see cref="DurableTaskClient"/> over the backend chosen in <paramref name="configure"/>:
    /// <code>
    /// services.AddSwarmsDurable(o =&gt; o.UseSqlite("runs.db"))
    ///         .AddTasks(r =&gt; r.AddOrchestrator&lt;MyOrchestrator&gt;().AddActivity&lt;MyActivity&gt;());
    /// </code>
    /// The worker starts and stops with the host (<c>IHost.StartAsync</c> / <c>StopAsync</c>); the client is
    /// resolved as <see cref="DurableTaskClient"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Chooses the backend (required) and the shutdown timeout.</param>
    /// <returns>A builder to add tasks with.</returns>
    public static ISwarmsDurableBuilder AddSwarmsDurable(this IServiceCollection services, Action<SwarmsDurableOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new SwarmsDurableOptions();
        configure(options);
        var factory = options.BackendFactory
            ?? throw new InvalidOperationException("Choose a backend: UseSqlite(path), UseAzureStorage(connectionString, taskHub) or UseInMemory().");
        services.TryAddSingleton(options);
        services.TryAddSingleton(sp => factory(sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance));
        services.TryAddSingleton(sp => sp.GetRequiredService<DurableBackend>().Service);
        services.TryAddSingleton(sp => sp.GetRequiredService<DurableBackend>().Client);
        IDurableTaskWorkerBuilder? worker = null;
        IDurableTaskClientBuilder? client = null;
        services.AddDurableTaskWorker(b =>
        {
            b.UseBuildTarget<SwarmsDurableWorker>();
            worker = b;
        });
        services.AddDurableTaskClient(b =>
        {
            b.UseBuildTarget<SwarmsDurableTaskClient>();
            client = b;
        });
        return new Builder(services, worker!, client!);
    }

    private sealed class Builder(IServiceCollection services, IDurableTaskWorkerBuilder worker, IDurableTaskClientBuilder client) : ISwarmsDurableBuilder
    {
        public IServiceCollection Services => services;

        public IDurableTaskWorkerBuilder Worker => worker;

        public IDurableTaskClientBuilder Client => client;

        public ISwarmsDurableBuilder AddTasks(Action<Microsoft.DurableTask.DurableTaskRegistry> configure)
        {
            ArgumentNullException.ThrowIfNull(configure);
            worker.AddTasks(configure);
            return this;
        }
    }
}
