using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using Swarms.Agents.Models;
using Swarms.Agents.Streaming;
using Swarms.Agents.Tests.Support;
using Swarms.Agents.Tools;

namespace Swarms.Agents.Tests.Tools;

/// <summary>The offline local model calls tools deterministically and answers with their results, end to end.</summary>
public sealed class LocalModelToolTests
{
    private static async Task<List<SwarmEvent>> RunAsync(string task, params AITool[] tools)
    {
        var options = TestAgents.Options();
        options.Tools = tools;
        var events = new List<SwarmEvent>();
        await foreach (var e in new Agent(options).RunStreamingAsync(task))
        {
            events.Add(e);
        }

        return events;
    }

    [Fact]
    public async Task RunStreamingAsync_ArithmeticAndCalculator_CallsItWithTheExpressionAndAnswersWithTheResult()
    {
        var events = await RunAsync("What is (1200 - 300) / 4 * 17?", BuiltInTools.Calculator(), BuiltInTools.CurrentUtcTime());

        var call = Assert.Single(events.OfType<ToolCall>());
        Assert.Equal(("calculator", """{"expression":"(1200 - 300) / 4 * 17"}"""), (call.Name, call.Arguments));
        var result = Assert.Single(events.OfType<ToolResult>());
        Assert.Equal("3825", result.Result);
        var completed = Assert.IsType<AgentCompleted>(events[^1]);
        Assert.Contains("- calculator {\"expression\":\"(1200 - 300) / 4 * 17\"} → 3825", completed.Output, StringComparison.Ordinal);
        Assert.EndsWith("Answer: 3825.", completed.Output, StringComparison.Ordinal);
        Assert.Equal("stop", completed.FinishReason);
        Assert.True(completed.Usage.OutputTokens > 0);
        Assert.True(events.IndexOf(result) < events.FindIndex(e => e is TextDelta));
    }

    [Fact]
    public async Task RunStreamingAsync_TimeQuestionAndClock_CallsTheClockOnlyAndQuotesItsTime()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 5, 6, 7, 8, 9, TimeSpan.Zero));

        var events = await RunAsync("What time is it now in UTC?", BuiltInTools.Calculator(), BuiltInTools.CurrentUtcTime(clock));

        var call = Assert.Single(events.OfType<ToolCall>());
        Assert.Equal(("current_utc_time", "{}"), (call.Name, call.Arguments));
        Assert.EndsWith("Answer: 2030-05-06T07:08:09Z.", Assert.IsType<AgentCompleted>(events[^1]).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunStreamingAsync_ToolWhoseNameWordsAreInTheTask_CalledWithTheQuotedText()
    {
        var wordCount = AIFunctionFactory.Create((string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length, "word_count", "Counts words.");

        var events = await RunAsync("Count the words in \"the quick brown fox jumps\"", wordCount);

        var call = Assert.Single(events.OfType<ToolCall>());
        Assert.Equal("""{"text":"the quick brown fox jumps"}""", call.Arguments);
        Assert.EndsWith("Answer: 5.", Assert.IsType<AgentCompleted>(events[^1]).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunStreamingAsync_ToolWithTwoNumberParameters_GetsTheTasksNumbersInOrder()
    {
        var add = AIFunctionFactory.Create((int a, int b) => a + b, "add", "Adds two whole numbers.");
        var scale = AIFunctionFactory.Create((double x, double y, double z) => x * y * z, "scale", "Multiplies three numbers.");

        var added = await RunAsync("Add 2 and 3", add);
        var scaled = await RunAsync("Scale 1.5 by 4", scale);

        Assert.Equal("""{"a":2,"b":3}""", Assert.Single(added.OfType<ToolCall>()).Arguments);
        Assert.EndsWith("Answer: 5.", Assert.IsType<AgentCompleted>(added[^1]).Output, StringComparison.Ordinal);
        Assert.Equal("""{"x":1.5,"y":4,"z":4}""", Assert.Single(scaled.OfType<ToolCall>()).Arguments);  // the last number again
    }

    [Fact]
    public async Task RunStreamingAsync_TaskNoToolAnswers_AnswersWithoutCallingATool()
    {
        var events = await RunAsync("Analyze TSLA", BuiltInTools.Calculator(), BuiltInTools.CurrentUtcTime());

        Assert.DoesNotContain(events, e => e is ToolCall);
        Assert.Contains("Fundamental analysis", Assert.IsType<AgentCompleted>(events[^1]).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunStreamingAsync_CalculatorRefusesTheExpression_AnswerSaysItGotNoResult()
    {
        var events = await RunAsync("What is 10 / (5 - 5)?", BuiltInTools.Calculator());

        var result = Assert.Single(events.OfType<ToolResult>());
        Assert.True(result.IsError);
        Assert.Equal("DivideByZeroException: division by zero", result.Error);
        Assert.EndsWith("I could not get a result from calculator.", Assert.IsType<AgentCompleted>(events[^1]).Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("What is 17 * 23?", "17 * 23")]
    [InlineData("Compute (2 + 3) ^ 2 please", "(2 + 3) ^ 2")]
    [InlineData("In 2024 revenue was 1,200 and costs 300: what is 1,200 - 300?", "1,200 - 300")]
    [InlineData("Analyze TSLA for 2025", null)]
    public void Expression_FindsTheLongestArithmeticInTheText(string text, string? expected) =>
        Assert.Equal(expected, LocalToolUse.Expression(text));
}
