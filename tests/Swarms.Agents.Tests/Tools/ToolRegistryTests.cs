using System.ComponentModel;
using Microsoft.Extensions.AI;
using Swarms.Agents.Tools;

namespace Swarms.Agents.Tests.Tools;

public sealed class ToolRegistryTests
{
    [Theory]
    [InlineData("17 * 23", "391")]
    [InlineData("(1200 - 300) / 4", "225")]
    [InlineData("2 ^ 3 ^ 2", "512")]
    [InlineData("-(3 + 4) * 2", "-14")]
    [InlineData("10 % 4 + 0.5", "2.5")]
    [InlineData("1,000 * 3", "3000")]
    [InlineData("1 / 3", "0.333333333333")]
    public async Task InvokeAsync_Calculator_EvaluatesArithmetic(string expression, string expected)
    {
        var result = await ToolRegistry.CreateDefault().InvokeAsync("calculator", $$"""{"expression":"{{expression}}"}""");

        Assert.Equal(new ToolInvocationResult(expected), result);
    }

    [Theory]
    [InlineData("System.IO.File.Delete(\"x\")", "expected a number, found 'S' (at position 1")]
    [InlineData("2 +", "expected a number at the end")]
    [InlineData("(1 + 2", "a ')' is missing")]
    [InlineData("1 / 0", "division by zero")]
    public async Task InvokeAsync_CalculatorGivenSomethingElse_ErrorResultNamingTheProblem(string expression, string problem)
    {
        var result = await ToolRegistry.CreateDefault().InvokeAsync("calculator", $$"""{"expression":"{{expression.Replace("\"", "\\\"", StringComparison.Ordinal)}}"}""", includeErrorDetails: true);

        Assert.True(result.IsError);
        Assert.Contains(problem, result.Error, StringComparison.Ordinal);
        Assert.StartsWith("Error: the tool 'calculator' failed: ", result.Result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_ArgumentsNotJson_ErrorResultAndTheToolIsNotRun()
    {
        int runs = 0;
        var registry = new ToolRegistry().Add("count", () => ++runs, "Counts.");

        var result = await registry.InvokeAsync("count", "{not json");

        Assert.Equal(0, runs);
        Assert.True(result.IsError);
        Assert.StartsWith("arguments are not valid JSON: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("{not json", result.Result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_ByNameWithJson_RunsTheToolWithThoseArguments()
    {
        var registry = new ToolRegistry().Add("greet", (string name, int times) => string.Join(' ', Enumerable.Repeat($"hi {name}", times)));

        var result = await registry.InvokeAsync("greet", """{"name":"Ada","times":2}""");

        Assert.Equal(new ToolInvocationResult("hi Ada hi Ada"), result);
    }

    [Fact]
    public void Get_UnknownName_MessageListsTheKnownTools()
    {
        var ex = Assert.Throws<KeyNotFoundException>(() => ToolRegistry.CreateDefault().Get("foo"));

        Assert.Equal("unknown tool 'foo' (known: calculator, current_utc_time).", ex.Message);
    }

    [Fact]
    public void Add_SameNameTwice_Throws()
    {
        var registry = ToolRegistry.CreateDefault();

        var ex = Assert.Throws<ArgumentException>(() => registry.Add(BuiltInTools.Calculator()));

        Assert.Contains("'calculator' is already registered", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_InvalidName_Throws() =>
        Assert.Throws<ArgumentException>(() => new ToolRegistry().Add("has space", () => 1));

    [SafeToRepeat]
    [Description("Reads a value.")]
    private static int ReadOnlyValue() => 42;

    [Fact]
    public void IsSafeToRepeat_DefaultsToFalse_TrueWhenMarkedByFlagAttributeOrExtension()
    {
        var plain = AIFunctionFactory.Create(() => 1, "plain");

        Assert.False(plain.IsSafeToRepeat());
        Assert.True(plain.AsSafeToRepeat().IsSafeToRepeat());
        Assert.True(AIFunctionFactory.Create(ReadOnlyValue).IsSafeToRepeat());
        Assert.True(new ToolRegistry().Add(plain, safeToRepeat: true).Get("plain").IsSafeToRepeat());
        Assert.False(new ToolRegistry().Add(plain).Get("plain").IsSafeToRepeat());
        Assert.All(ToolRegistry.CreateDefault().Tools, t => Assert.True(t.IsSafeToRepeat()));
    }
}
