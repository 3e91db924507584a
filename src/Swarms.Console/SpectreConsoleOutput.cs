using Spectre.Console;
using Swarms.Agents;
using Swarms.Agents.Output;
using Swarms.Agents.Streaming;
using Swarms.Console.Dashboard;

namespace Swarms.Console;

/// <summary>
/// Prints agents and workflows with Spectre.Console: the agent panel (<c>🤖 Agent: {name} | Loops: {n}</c>) and the
/// live workflow dashboard. The core finds it by name when the app references this package
/// (<see cref="ConsoleOutput.Default"/>), so <c>new Agent(new AgentOptions { StreamingOn = true })</c> prints with no setup.
/// </summary>
public sealed class SpectreConsoleOutput : IConsoleOutput
{
    private readonly IAnsiConsole? _console;

    /// <summary>Prints on the process console.</summary>
    public SpectreConsoleOutput()
    {
    }

    /// <summary>Prints on <paramref name="console"/> (a test console, a recorder).</summary>
    public SpectreConsoleOutput(IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        _console = console;
    }

    private IAnsiConsole Console => _console ?? AnsiConsole.Console;

    /// <inheritdoc />
    public ISwarmEventSink CreateAgentPrinter(Agent agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return new AgentPanelSink(Console, agent.Name, agent.Options.StreamingOn, agent.Options.Input, agent.Options.ExitWord);
    }

    /// <inheritdoc />
    public ISwarmEventSink CreateDashboard(string workflow, IReadOnlyList<string> agents, TimeProvider timeProvider) =>
        new WorkflowDashboard(Console, workflow, agents, timeProvider);
}
