using System.Text.Json.Nodes;
using Swarms.Agents.Tests.Fakes;

namespace Swarms.Cli.Tests;

/// <summary><c>--tool</c>, <c>--mcp</c>, definitions' <c>"tools"</c> and <c>swarms tools</c>, in process on the local model.</summary>
public sealed class CliToolsTests
{
    [Fact]
    public async Task Agent_WithCalculator_ShowsTheToolCallAndItsResultThenTheAnswer()
    {
        using var cli = new CliRunner();

        var code = await cli.RunAsync("agent", "--tool", "calculator", "What is 17 * 23?");

        Assert.Equal(0, code);
        var output = cli.Console.Output.ReplaceLineEndings("\n");
        Assert.Contains("⚙ calculator {\"expression\":\"17 * 23\"}\n⚙ calculator → 391\n", output, StringComparison.Ordinal);
        Assert.Contains("Answer: 391.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agent_Json_ToolEventsAreLinesWithTheirFields()
    {
        using var cli = new CliRunner();

        Assert.Equal(0, await cli.RunAsync("agent", "--tool", "calculator", "--json", "What is 2 ^ 10?"));

        var lines = cli.Out.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        var call = lines.Single(l => l["type"]!.GetValue<string>() == "ToolCall");
        Assert.Equal("calculator", call["name"]!.GetValue<string>());
        Assert.Equal("{\"expression\":\"2 ^ 10\"}", call["arguments"]!.GetValue<string>());
        var result = lines.Single(l => l["type"]!.GetValue<string>() == "ToolResult");
        Assert.Equal(("1024", false), (result["result"]!.GetValue<string>(), result["isError"]!.GetValue<bool>()));
        // Readable: quotes inside the arguments escaped as \", not as \u0022.
        Assert.Contains("\"arguments\":\"{\\\"expression\\\":\\\"2 ^ 10\\\"}\"", cli.Out.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("\\u0022", cli.Out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agent_UnknownTool_ExitCode2NamingTheKnownTools()
    {
        using var cli = new CliRunner();

        Assert.Equal(2, await cli.RunAsync("agent", "--tool", "foo", "Anything"));

        Assert.Equal("swarms: --tool 'foo': unknown tool 'foo' (known: calculator, current_utc_time).", cli.Error.ToString().Trim());
    }

    [Fact]
    public async Task Run_DefinitionNamesAnUnknownTool_ExitCode2WithTheFileAndTheField()
    {
        using var cli = new CliRunner();
        var file = cli.WriteFile("x.json", """{ "name": "x", "kind": "sequential", "agents": [{ "name": "A", "tools": ["calculator", "foo"] }] }""");

        Assert.Equal(2, await cli.RunAsync("run", file, "Anything"));

        Assert.Equal($"swarms: {file}: $.agents[0].tools[1]: unknown tool 'foo' (known: calculator, current_utc_time)", cli.Error.ToString().Trim());
    }

    [Fact]
    public async Task Run_DefinitionWithTools_AgentsUseThem()
    {
        using var cli = new CliRunner();
        var file = cli.WriteFile("calc.json", """{ "name": "calc", "kind": "sequential", "agents": [{ "name": "Quant", "tools": ["calculator"] }] }""");

        Assert.Equal(0, await cli.RunAsync("run", file, "What is 1200 / 8?", "--no-dashboard"));

        var output = cli.Console.Output.ReplaceLineEndings("\n");
        Assert.Contains("[Quant] ⚙ calculator {\"expression\":\"1200 / 8\"}\n[Quant] ⚙ calculator → 150\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ToolWithADefinition_ExitCode2()
    {
        using var cli = new CliRunner();

        Assert.Equal(2, await cli.RunAsync("run", "market-analysis", "--tool", "calculator", "Analyze TSLA"));

        Assert.Contains("--tool and --mcp are for ad-hoc agents", cli.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agent_WithAnMcpServer_CallsItsTool()
    {
        using var cli = new CliRunner();

        var code = await cli.RunAsync("agent", "--mcp", $"text=dotnet {McpTestServer.Dll}", "Reverse the text \"stressed\"");

        Assert.Equal(0, code);
        Assert.Contains("⚙ reverse_text → desserts", cli.Console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agent_McpServerDoesNotStart_ExitCode1NamingTheServer()
    {
        using var cli = new CliRunner();

        Assert.Equal(1, await cli.RunAsync("agent", "--mcp", "ghost=/nonexistent/mcp-server", "Anything"));

        Assert.StartsWith("swarms: Agent 'Swarms-Demo-Agent': MCP server 'ghost' (stdio: /nonexistent/mcp-server) did not start: ", cli.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_DefinitionsMcpServerExitsAtOnce_ExitCode1QuotingItsStandardErrorOnceAndNoStackTrace()
    {
        using var cli = new CliRunner();
        var file = cli.WriteFile("quit.json", $$"""
            { "name": "quit", "kind": "sequential",
              "agents": [{ "name": "A", "mcpServers": [{ "name": "quitter", "command": "dotnet", "args": ["{{McpTestServer.Dll}}", "--exit"] }] }] }
            """);

        Assert.Equal(1, await cli.RunAsync("run", file, "Anything", "--no-dashboard"));

        var error = cli.Error.ToString();
        Assert.StartsWith("swarms: quit failed: Agent 'A': MCP server 'quitter' (stdio: dotnet ", error, StringComparison.Ordinal);
        // The SDK adds "(exit code: 3)" when it saw the exit before the closed pipe, not always.
        Assert.Matches(@"\) did not start: MCP server process exited unexpectedly( \(exit code: 3\))? \(its standard error: fatal: the test server was told to exit\)\s*$", error);
        Assert.DoesNotContain("   at ", error + cli.Console.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no-equals-sign")]
    [InlineData("name=")]
    public async Task Agent_McpGivenWrongly_ExitCode2WithTheExpectedForm(string spec)
    {
        using var cli = new CliRunner();

        Assert.Equal(2, await cli.RunAsync("agent", "--mcp", spec, "Anything"));

        Assert.Equal($"swarms: --mcp '{spec}': expected NAME=COMMAND ARGS or NAME=URL, e.g. --mcp \"files=npx -y @modelcontextprotocol/server-filesystem .\"", cli.Error.ToString().Trim());
    }

    [Fact]
    public async Task Agent_ToolThrows_RunCompletesShowingTheErrorAndTheAnswerSaysSo()
    {
        using var cli = new CliRunner();

        Assert.Equal(0, await cli.RunAsync("agent", "--tool", "calculator", "What is 10 / (5 - 5)?"));

        var output = cli.Console.Output.ReplaceLineEndings("\n");
        Assert.Contains("⚙ calculator ✗ DivideByZeroException: division by zero\n", output, StringComparison.Ordinal);
        Assert.Contains("I could not get a result from calculator.", output, StringComparison.Ordinal);
        Assert.Equal("", cli.Error.ToString());
    }

    [Fact]
    public async Task Tools_ListsTheBuiltInsAndWhetherTheyAreSafeToRepeat()
    {
        using var cli = new CliRunner();

        Assert.Equal(0, await cli.RunAsync("tools"));

        Assert.Contains("calculator", cli.Console.Output, StringComparison.Ordinal);
        Assert.Contains("current_utc_time", cli.Console.Output, StringComparison.Ordinal);
        Assert.Contains("Safe to repeat", cli.Console.Output, StringComparison.Ordinal);
    }
}
