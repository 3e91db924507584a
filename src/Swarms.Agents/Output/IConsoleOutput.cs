using Swarms.Agents.Streaming;

namespace Swarms.Agents.Output;

/// <summary>
/// Prints agents and workflows: implemented by the <c>Swarms.Console</c> package (agent panels and the live
/// dashboard with Spectre.Console). The core never draws; it asks this for the sinks that do.
/// </summary>
public interface IConsoleOutput
{
    /// <summary>The sink that prints one agent's run (its panel), as <paramref name="agent"/>'s options say.</summary>
    ISwarmEventSink CreateAgentPrinter(Agent agent);

    /// <summary>The sink that shows a workflow run: one live dashboard for all its agents.</summary>
    ISwarmEventSink CreateDashboard(string workflow, IReadOnlyList<string> agents, TimeProvider timeProvider);
}
