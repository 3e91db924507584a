using Microsoft.Extensions.DependencyInjection;
using Swarms.Orchestration.Publishing;

namespace Swarms.Orchestration.DependencyInjection;

/// <summary>Configures what <c>AddSwarmsOrchestration</c> registered: live publishers.</summary>
public sealed class SwarmsOrchestrationBuilder
{
    internal SwarmsOrchestrationBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Adds a live publisher created through dependency injection (one instance for the application).</summary>
    public SwarmsOrchestrationBuilder AddPublisher<TPublisher>()
        where TPublisher : class, IRunEventPublisher
    {
        Services.AddSingleton<IRunEventPublisher, TPublisher>();
        return this;
    }

    /// <summary>Adds a live publisher instance.</summary>
    public SwarmsOrchestrationBuilder AddPublisher(IRunEventPublisher publisher)
    {
        ArgumentNullException.ThrowIfNull(publisher);
        Services.AddSingleton(publisher);
        return this;
    }
}
