using Microsoft.Extensions.AI;
using Spectre.Console;
using Spectre.Console.Testing;
using Swarms.Agents.Models;

namespace Swarms.Agents.Tests.Support;

/// <summary>Agents on the local model, and consoles that behave like a terminal or like redirected output.</summary>
internal static class TestAgents
{
    public const string Name = "Analyst";
    public const string Task = "Analyze TSLA";

    public static LocalChatClient Local(double tokensPerSecond = 0) => new(new LocalModelOptions { TokensPerSecond = tokensPerSecond });

    public static AgentOptions Options(IAnsiConsole? console = null, IChatClient? client = null) => new()
    {
        AgentName = Name,
        SystemPrompt = "You are a fundamental analyst.",
        ChatClient = client ?? Local(),
        Console = console,
        PrintOn = console is not null,
        RetryDelay = TimeSpan.FromMilliseconds(1),
    };

    /// <summary>An interactive ANSI terminal, wide enough that answer lines do not wrap.</summary>
    public static TestConsole Terminal()
    {
        var console = new TestConsole().Interactive().SupportsAnsi(true).EmitAnsiSequences().Width(400);
        console.Profile.Capabilities.Unicode = true;
        return console;
    }

    /// <summary>Output redirected to a file or pipe: no ANSI, not interactive.</summary>
    public static TestConsole Redirected() => new TestConsole().SupportsAnsi(false).Width(400);

    public static int Occurrences(string text, string value)
    {
        int count = 0;
        for (int i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
