using Microsoft.Extensions.AI;
using Spectre.Console;
using Spectre.Console.Testing;
using Swarms.Agents;
using Swarms.Agents.Tests.Support;

namespace Swarms.Console.Tests.Support;

/// <summary>Consoles that behave like a terminal or like redirected output, and agents that print on them.</summary>
internal static class TestConsoles
{
    /// <summary>An interactive ANSI terminal, wide enough that answer lines do not wrap.</summary>
    public static TestConsole Terminal()
    {
        var console = new TestConsole().Interactive().SupportsAnsi(true).EmitAnsiSequences().Width(400);
        console.Profile.Capabilities.Unicode = true;
        return console;
    }

    /// <summary>Output redirected to a file or pipe: no ANSI, not interactive.</summary>
    public static TestConsole Redirected() => new TestConsole().SupportsAnsi(false).Width(400);

    /// <summary>The local-model test agent, printing on <paramref name="console"/>.</summary>
    public static AgentOptions Printing(IAnsiConsole console, IChatClient? client = null)
    {
        var options = TestAgents.Options(client);
        options.PrintOn = true;
        options.Output = new SpectreConsoleOutput(console);
        return options;
    }
}
