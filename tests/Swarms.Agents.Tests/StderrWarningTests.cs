using Swarms.Agents.Tests.Support;

namespace Swarms.Agents.Tests;

/// <summary>What an agent reports on standard error when the user gave no logger. Swaps Console.Error, so runs alone.</summary>
[Collection(nameof(StandardError))]
public sealed class StderrWarningTests
{
    [Fact]
    public async Task RunAsync_ThrowingCallbackAndNoLogger_OneWarningLineOnStandardErrorNamingAgentAndException()
    {
        var original = System.Console.Error;
        using var error = new StringWriter();
        System.Console.SetError(error);
        try
        {
            var answer = await new Agent(TestAgents.Options()).RunAsync(TestAgents.Task, (string _) => throw new InvalidOperationException("the UI went away"));

            Assert.NotEmpty(answer);
        }
        finally
        {
            System.Console.SetError(original);
        }

        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => l.Contains("Agent Analyst", StringComparison.Ordinal)).ToList();
        var line = Assert.Single(lines);
        Assert.StartsWith("warn: ", line, StringComparison.Ordinal);
        Assert.Contains("a callback threw", line, StringComparison.Ordinal);
        Assert.Contains("InvalidOperationException: the UI went away", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error.ToString(), StringComparison.Ordinal);
    }
}

[CollectionDefinition(nameof(StandardError), DisableParallelization = true)]
public sealed class StandardError;
