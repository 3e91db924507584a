using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace Swarms.Durable.Hosting;

/// <summary>What <see cref="SwarmsDurableServiceCollectionExtensions.AddSwarmsDurable"/> registered: the SDK's own
/// worker and client builders, to add tasks to and configure further.</summary>
public interface ISwarmsDurableBuilder
{
    /// <summary>The services.</summary>
    IServiceCollection Services { get; }

    /// <summary>The Durable Task SDK worker builder (<c>AddTasks</c>, <c>Configure</c>).</summary>
    IDurableTaskWorkerBuilder Worker { get; }

    /// <summary>The Durable Task SDK client builder.</summary>
    IDurableTaskClientBuilder Client { get; }

    /// <summary>Registers orchestrators and activities in the SDK's <see cref="Microsoft.DurableTask.DurableTaskRegistry"/>.
    /// Classes registered by type are created per work item through dependency injection, so their constructors
    /// may take services.</summary>
    /// <param name="configure">Adds the tasks.</param>
    /// <returns>This builder.</returns>
    ISwarmsDurableBuilder AddTasks(Action<Microsoft.DurableTask.DurableTaskRegistry> configure);
}
