using DurableTask.Core;

namespace Swarms.Durable.Hosting;

/// <summary>
/// The backend a worker and a client run on: one DurableTask.Core <see cref="IOrchestrationService"/> that is also
/// its <see cref="IOrchestrationServiceClient"/> (and, for the client's queries and purges,
/// <see cref="DurableTask.Core.Query.IOrchestrationServiceQueryClient"/> and <see cref="IOrchestrationServicePurgeClient"/>).
/// One instance per service provider, shared by the worker and the client.
/// </summary>
internal abstract class DurableBackend : IAsyncDisposable
{
    public abstract string Name { get; }

    public abstract IOrchestrationService Service { get; }

    public abstract IOrchestrationServiceClient Client { get; }

    /// <summary>Work items this process holds now, or -1 when the backend cannot tell.</summary>
    public virtual int InFlightWorkItems => -1;

    /// <summary>Stop handing out work (first step of a graceful shutdown).</summary>
    public virtual void BeginStop()
    {
    }

    public abstract ValueTask DisposeAsync();
}
