using System.Text.Json;
using Swarms.Agents.Streaming;
using Swarms.Agents.Tools;
using Swarms.Agents.Tools.Mcp;
using Swarms.Agents.Workflows.Definitions;

namespace Swarms.Agents.Tests.Tools;

/// <summary><c>"tools"</c> and <c>"mcpServers"</c> in swarm definitions: read, checked against a registry, run.</summary>
public sealed class DefinitionToolsTests
{
    private const string WithTools = """
        {
          "name": "tooled",
          "kind": "sequential",
          "mcpServers": [{ "name": "search", "url": "http://127.0.0.1:9/mcp", "headers": { "x-key": "k" } }],
          "agents": [
            { "name": "Calc", "systemPrompt": "You compute.", "tools": ["calculator", "current_utc_time"],
              "options": { "maxToolIterations": 3 },
              "mcpServers": [{ "name": "files", "command": "npx", "args": ["-y", "server-files", "."], "env": { "A": "1" }, "startTimeoutSeconds": 5 }] }
          ]
        }
        """;

    [Fact]
    public void Parse_ToolsAndMcpServers_ReadsEveryField()
    {
        var d = SwarmDefinitionLoader.Parse(WithTools, "swarms/tooled.json", ToolRegistry.CreateDefault());

        var agent = Assert.Single(d.Agents);
        Assert.Equal(["calculator", "current_utc_time"], agent.Tools);
        Assert.Equal(3, agent.MaxToolIterations);
        var files = Assert.Single(agent.McpServers);
        Assert.Equal(("files", "npx", "stdio: npx -y server-files ."), (files.Name, files.Command, files.Describe()));
        Assert.Equal("1", files.Environment!["A"]);
        Assert.Equal(TimeSpan.FromSeconds(5), files.StartTimeout);
        var search = Assert.Single(d.McpServers);
        Assert.Equal(new Uri("http://127.0.0.1:9/mcp"), search.Url);
        Assert.Equal("k", search.Headers!["x-key"]);
    }

    [Fact]
    public void Parse_UnknownTool_FailsWithTheFileTheFieldAndTheKnownTools()
    {
        var json = WithTools.Replace("\"current_utc_time\"", "\"foo\"", StringComparison.Ordinal);

        var ex = Assert.Throws<SwarmDefinitionException>(() => SwarmDefinitionLoader.Parse(json, "swarms/x.json", ToolRegistry.CreateDefault()));

        Assert.Equal("swarms/x.json: $.agents[0].tools[1]: unknown tool 'foo' (known: calculator, current_utc_time)", ex.Message);
    }

    [Fact]
    public void Load_UnknownToolInAFile_FailsThroughTheCatalogToo()
    {
        var dir = Directory.CreateTempSubdirectory("swarms-tools-").FullName;
        Directory.CreateDirectory(Path.Combine(dir, "swarms"));
        var file = Path.Combine(dir, "swarms", "x.json");
        File.WriteAllText(file, """{ "name": "x", "kind": "sequential", "agents": [{ "name": "A", "tools": ["calculator", "foo"] }] }""");

        var ex = Assert.Throws<SwarmDefinitionException>(() => SwarmCatalog.Discover(dir).Load("x", ToolRegistry.CreateDefault()));

        Assert.Equal($"{file}: $.agents[0].tools[1]: unknown tool 'foo' (known: calculator, current_utc_time)", ex.Message);
    }

    [Theory]
    [InlineData("""[{ "name": "a" }]""", "$.mcpServers[0]: MCP server 'a' needs either \"command\"")]
    [InlineData("""[{ "name": "a", "command": "x", "url": "http://h/" }]""", "$.mcpServers[0]: MCP server 'a' needs either \"command\"")]
    [InlineData("""[{ "name": "a", "url": "ftp://h/" }]""", "$.mcpServers[0].url: 'ftp://h/' is not an absolute http or https URL")]
    [InlineData("""[{ "name": "a", "command": "x" }, { "name": "a", "command": "y" }]""", "$.mcpServers[1].name: 'a' is used by an earlier MCP server")]
    [InlineData("""[{ "name": "a", "command": "x", "arguments": [] }]""", "$.mcpServers[0].arguments: unknown field")]
    [InlineData("""{ "name": "a" }""", "$.mcpServers: must be an array")]
    public void Parse_InvalidMcpServers_FailWithTheField(string servers, string expected)
    {
        var json = $$"""{ "name": "s", "kind": "sequential", "mcpServers": {{servers}}, "agents": [{ "name": "A" }] }""";

        var ex = Assert.Throws<SwarmDefinitionException>(() => SwarmDefinitionLoader.Parse(json, "s.json"));

        Assert.StartsWith("s.json: " + expected, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"calculator\"", "$.agents[0].tools: must be an array of strings")]
    [InlineData("[\"calculator\", 3]", "$.agents[0].tools[1]: must be a non-empty string")]
    [InlineData("[\"calculator\", \"calculator\"]", "$.agents[0].tools[1]: 'calculator' is listed twice")]
    public void Parse_InvalidToolList_FailsWithTheField(string tools, string expected)
    {
        var json = $$"""{ "name": "s", "kind": "sequential", "agents": [{ "name": "A", "tools": {{tools}} }] }""";

        var ex = Assert.Throws<SwarmDefinitionException>(() => SwarmDefinitionLoader.Parse(json, "s.json"));

        Assert.StartsWith("s.json: " + expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SwarmDefinition_RoundTripsThroughJsonWithItsToolsAndServers()
    {
        var d = SwarmDefinitionLoader.Parse(WithTools, "tooled.json");

        var copy = JsonSerializer.Deserialize<SwarmDefinition>(JsonSerializer.Serialize(d))!;

        Assert.Equal(d.Agents[0].Tools, copy.Agents[0].Tools);
        Assert.Equal(d.Agents[0].McpServers[0].Arguments, copy.Agents[0].McpServers[0].Arguments);
        Assert.Equal(d.McpServers[0].Url, copy.McpServers[0].Url);
    }

    [Fact]
    public async Task CreateWorkflow_AgentWithRegisteredTools_RunsThemOnTheLocalModel()
    {
        var json = """{ "name": "calc", "kind": "sequential", "agents": [{ "name": "Calc", "tools": ["calculator"] }] }""";
        var registry = ToolRegistry.CreateDefault();
        var definition = SwarmDefinitionLoader.Parse(json, "calc.json", registry);

        var workflow = definition.CreateWorkflow(a =>
        {
            var options = a.ToOptions(registry);
            options.ChatClient = Support.TestAgents.Local();
            return new Agent(options);
        });
        var events = new List<SwarmEvent>();
        await foreach (var e in workflow.RunStreamingAsync("What is 6 * 7?"))
        {
            events.Add(e);
        }

        Assert.Equal("42", Assert.Single(events.OfType<ToolResult>()).Result);
        Assert.EndsWith("Answer: 42.", Assert.IsType<RunCompleted>(events[^1]).Output, StringComparison.Ordinal);
    }
}
