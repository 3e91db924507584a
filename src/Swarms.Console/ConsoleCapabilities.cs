using Spectre.Console;

namespace Swarms.Console;

/// <summary>Decides between live terminal rendering and plain line-oriented text.</summary>
public static class ConsoleCapabilities
{
    /// <summary>
    /// True when the console is an interactive terminal that understands ANSI: live panels and dashboards.
    /// False when output is redirected to a file or pipe: plain text with no escape sequences.
    /// </summary>
    public static bool IsLiveTerminal(IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var caps = console.Profile.Capabilities;
        return caps.Ansi && caps.Interactive;
    }
}
