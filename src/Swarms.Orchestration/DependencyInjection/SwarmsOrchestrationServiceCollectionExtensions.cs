using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Logging;
using Swarms.Agents;
using Swarms.Orchestration.Activities;
using Swarms.Orchestration.Publishing;
using Swarms.Orchestration.RunLog;

namespace Swarms.Orchestration.DependencyInjection;

/// <summary>Registers what durable swarm runs' activities need.</summary>
public static class SwarmsOrchestrationServiceCollectionExtensions
{
    /// <summary>
    /// Registers the run log chosen in <paramref name="configure"/>, the <see cref="AgentTurnRunner"/>,
    /// <see cref="RunEventRecorder"/>, <see cref="ModelTurnRunner"/> and <see cref="ToolCallRunner"/> the activities run (or the Functions app's activity functions call), and returns a
    /// builder to add live publishers with. Agents come from <c>AddSwarmsAgents(...)</c>, which must be registered too;
    /// the orchestrator and activities are registered with the worker (<c>registry.AddSwarmOrchestrations()</c>).
    /// <code>
    /// services.AddSwarmsAgents(configuration);
    /// services.AddSwarmsOrchestration(o =&gt; o.UseSqliteRunLog("runs.db")).AddPublisher&lt;MyDashboard&gt;();
    /// services.AddSwarmsDurable(o =&gt; o.UseSqlite("runs.db")).AddTasks(r =&gt; r.AddSwarmOrchestrations());
    /// </code>
    /// </summary>
    /// <exception cref="InvalidOperationException">No run log was chosen.</exception>
    public static SwarmsOrchestrationBuilder AddSwarmsOrchestration(this IServiceCollection services, Action<SwarmsOrchestrationOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new SwarmsOrchestrationOptions();
        configure(options);
        options.Validate();
        var runLog = options.RunLogFactory!;
        services.AddSingleton(Options.Create(options));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(runLog);
        // One outlet (run log + live publishers) for every activity of the process; the runners' constructors are
        // internal because it is.
        services.TryAddSingleton(sp => new RunEventOutlet(
            sp.GetRequiredService<IRunLog>(), sp.GetServices<IRunEventPublisher>(), Loggers(sp).CreateLogger<RunEventOutlet>()));
        services.TryAddSingleton(sp => new AgentTurnRunner(
            sp.GetRequiredService<AgentFactory>(), sp.GetRequiredService<RunEventOutlet>(), options, sp.GetRequiredService<TimeProvider>(), Loggers(sp)));
        services.TryAddSingleton(sp => new RunEventRecorder(sp.GetRequiredService<RunEventOutlet>()));
        services.TryAddSingleton(sp => new ModelTurnRunner(
            sp.GetRequiredService<AgentFactory>(), sp.GetRequiredService<RunEventOutlet>(), options, sp.GetRequiredService<TimeProvider>(), Loggers(sp)));
        services.TryAddSingleton(sp => new ToolCallRunner(
            sp.GetRequiredService<AgentFactory>(), sp.GetRequiredService<RunEventOutlet>(), sp.GetRequiredService<TimeProvider>(), Loggers(sp)));
        return new SwarmsOrchestrationBuilder(services);
    }

    private static ILoggerFactory Loggers(IServiceProvider services) =>
        services.GetService<ILoggerFactory>() ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;
}
