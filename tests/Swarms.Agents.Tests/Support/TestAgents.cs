using Microsoft.Extensions.AI;
using Swarms.Agents.Models;

namespace Swarms.Agents.Tests.Support;

/// <summary>Agents on the local model that never print, with fast retries.</summary>
internal static class TestAgents
{
    public const string Name = "Analyst";
    public const string Task = "Analyze TSLA";

    public static LocalChatClient Local(double tokensPerSecond = 0) => new(new LocalModelOptions { TokensPerSecond = tokensPerSecond });

    public static AgentOptions Options(IChatClient? client = null) => new()
    {
        AgentName = Name,
        SystemPrompt = "You are a fundamental analyst.",
        ChatClient = client ?? Local(),
        PrintOn = false,
        RetryDelay = TimeSpan.FromMilliseconds(1),
    };

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
