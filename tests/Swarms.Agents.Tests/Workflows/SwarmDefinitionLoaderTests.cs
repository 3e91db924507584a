using Swarms.Agents.Workflows;
using Swarms.Agents.Workflows.Definitions;

namespace Swarms.Agents.Tests.Workflows;

public class SwarmDefinitionLoaderTests
{
    private const string Valid = """
        {
          "name": "demo",
          "kind": "concurrent",
          "maxConcurrency": 2,
          "onError": "cancel-rest",
          "agents": [
            { "name": "A", "systemPrompt": "You are A.", "model": "m1", "maxLoops": 2, "options": { "temperature": 0.5, "maxTokens": 100, "retryAttempts": 1 } },
            { "name": "B", "systemPrompt": "You are B." }, // comments are fine
          ]
        }
        """;

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Swarms.Functions.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    [Fact]
    public void Parse_ValidDefinition_ReadsEveryField()
    {
        var d = SwarmDefinitionLoader.Parse(Valid, "demo.json");

        Assert.Equal("demo", d.Name);
        Assert.Equal(WorkflowKind.Concurrent, d.Kind);
        Assert.Equal(2, d.MaxConcurrency);
        Assert.Equal(WorkflowErrorPolicy.CancelRest, d.OnError);
        Assert.Equal(["A", "B"], d.Agents.Select(a => a.Name));
        Assert.Equal(("m1", 2, 0.5f, 100, 1), (d.Agents[0].Model, d.Agents[0].MaxLoops, d.Agents[0].Temperature, d.Agents[0].MaxTokens, d.Agents[0].RetryAttempts));
    }

    [Theory]
    [InlineData("""{ "kind": "concurrent", "agents": [ { "name": "A" } ] }""", "$.name", "is required")]
    [InlineData("""{ "name": "x", "kind": "parallel", "agents": [ { "name": "A" } ] }""", "$.kind", "'parallel' is not one of: sequential, concurrent")]
    [InlineData("""{ "name": "x", "kind": "sequential", "agents": [] }""", "$.agents", "must be a non-empty array of agents")]
    [InlineData("""{ "name": "x", "kind": "sequential" }""", "$.agents", "is required")]
    [InlineData("""{ "name": "x", "kind": "sequential", "agents": [ { "name": "A" }, { "name": "A" } ] }""", "$.agents[1].name", "'A' is used by an earlier agent")]
    [InlineData("""{ "name": "x", "kind": "sequential", "agents": [ { "name": "A", "maxLoops": 0 } ] }""", "$.agents[0].maxLoops", "must be 1 or more, not 0")]
    [InlineData("""{ "name": "x", "kind": "sequential", "agents": [ { "name": "A", "systemPrompt": 42 } ] }""", "$.agents[0].systemPrompt", "must be a string, not the number 42")]
    [InlineData("""{ "name": "x", "kind": "sequential", "agents": [ { "name": "A", "options": { "temperature": 3 } } ] }""", "$.agents[0].options.temperature", "must be between 0 and 2, not 3")]
    [InlineData("""{ "name": "x", "kind": "sequential", "agents": [ { "name": "A", "systemPromt": "typo" } ] }""", "$.agents[0].systemPromt", "unknown field")]
    [InlineData("""{ "name": "x", "kind": "concurrent", "onError": "explode", "agents": [ { "name": "A" } ] }""", "$.onError", "'explode' is not one of: continue, cancel-rest")]
    [InlineData("""[ 1, 2 ]""", "$", "must be an object, not an array")]
    public void Parse_InvalidDefinition_NamesFileFieldAndProblem(string json, string path, string problem)
    {
        var ex = Assert.Throws<SwarmDefinitionException>(() => SwarmDefinitionLoader.Parse(json, "swarms/bad.json"));

        Assert.Equal(path, ex.JsonPath);
        Assert.Contains(problem, ex.Problem, StringComparison.Ordinal);
        Assert.StartsWith($"swarms/bad.json: {path}: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NotJson_ReportsLineAndColumn()
    {
        var ex = Assert.Throws<SwarmDefinitionException>(() => SwarmDefinitionLoader.Parse("{\n  \"name\": \"x\",\n  oops\n}", "bad.json"));

        Assert.Equal("bad.json: $: not valid JSON at line 3, column 3: 'o' is an invalid start of a property name; expected a '\"'", ex.Message);
    }

    [Theory]
    [InlineData("{ \"name\": \"x\", ", "the document ends early")]
    [InlineData("{ \"name\": \"x\" } trailing", "'t' is invalid after a single JSON value; expected end of data")]
    [InlineData("  ", "the file is empty")]
    public void Parse_NotJson_SaysWhatIsWrongWithoutTheParsersInternals(string json, string problem)
    {
        var ex = Assert.Throws<SwarmDefinitionException>(() => SwarmDefinitionLoader.Parse(json, "bad.json"));

        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("BytePositionInLine", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Path:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_NamesTheFile()
    {
        var ex = Assert.Throws<SwarmDefinitionException>(() => SwarmDefinitionLoader.Load("/nonexistent/swarm.json"));
        Assert.StartsWith("/nonexistent/swarm.json: $: cannot read the file", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("market-analysis", WorkflowKind.Concurrent, new[] { "Technical-Analyst", "Fundamental-Analyst", "Sentiment-Analyst" })]
    [InlineData("research-writer", WorkflowKind.Sequential, new[] { "Researcher", "Writer" })]
    public void Catalog_ShippedSwarms_LoadByName(string name, WorkflowKind kind, string[] agents)
    {
        var catalog = SwarmCatalog.Discover(RepoRoot());

        var definition = catalog.Load(name);

        Assert.Equal(name, definition.Name);
        Assert.Equal(kind, definition.Kind);
        Assert.Equal(agents, definition.Agents.Select(a => a.Name));
    }

    [Fact]
    public void Catalog_SwarmsFolderInTheWorkingDirectory_NearerWinsPerNameAndShippedOnesStayKnown()
    {
        var work = Directory.CreateTempSubdirectory("swarms-catalog-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(work, "swarms"));
            File.WriteAllText(Path.Combine(work, "swarms", "mine.json"), """{ "name": "mine", "kind": "sequential", "agents": [ { "name": "Me" } ] }""");
            File.WriteAllText(Path.Combine(work, "swarms", "research-writer.json"), """{ "name": "research-writer", "kind": "concurrent", "agents": [ { "name": "Override" } ] }""");

            // The shipped folder is the fallback (beside the executable); the working directory's folder is nearer.
            var catalog = SwarmCatalog.Discover(work, RepoRoot());

            Assert.Equal(["Me"], catalog.Load("mine").Agents.Select(a => a.Name));
            Assert.Equal(["Override"], catalog.Load("research-writer").Agents.Select(a => a.Name));
            Assert.Equal(["Technical-Analyst", "Fundamental-Analyst", "Sentiment-Analyst"], catalog.Load("market-analysis").Agents.Select(a => a.Name));
            Assert.Equal(["market-analysis", "mine", "research-writer"], catalog.Files().Select(Path.GetFileNameWithoutExtension));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public void SwarmDefinition_RoundTripsThroughJson_SoAnOrchestratorCanTakeItAsInput()
    {
        var definition = SwarmDefinitionLoader.Parse(Valid, "demo.json");

        var copy = System.Text.Json.JsonSerializer.Deserialize<SwarmDefinition>(System.Text.Json.JsonSerializer.Serialize(definition))!;

        // Records compare lists by reference: the lists (agents, their tools and MCP servers) are compared item by item.
        Assert.Equal(definition with { Agents = [], McpServers = [] }, copy with { Agents = [], McpServers = [] });
        Assert.Equal(definition.Agents.Select(a => a with { Tools = [], McpServers = [] }), copy.Agents.Select(a => a with { Tools = [], McpServers = [] }));
        Assert.Equal(definition.Agents.Select(a => string.Join(",", a.Tools)), copy.Agents.Select(a => string.Join(",", a.Tools)));
        Assert.Equal(definition.ToPlan() with { Agents = [] }, copy.ToPlan() with { Agents = [] });
    }

    [Fact]
    public void ToPlan_DefinitionWithoutSettings_HasThePlanDefaults()
    {
        var definition = SwarmDefinitionLoader.Parse("""{ "name": "x", "kind": "concurrent", "agents": [ { "name": "A" } ] }""", "x.json");

        var plan = definition.ToPlan();

        Assert.Equal(new WorkflowPlan("x", WorkflowKind.Concurrent, plan.Agents), plan);
        Assert.Equal(plan with { Name = WorkflowPlan.DefaultName }, new ConcurrentWorkflow([new Agent(new AgentOptions { AgentName = "A", PrintOn = false })], new ConcurrentWorkflowOptions()).Plan with { Agents = plan.Agents });
        Assert.Equal(3, definition.Agents[0].ToOptions().RetryAttempts);
    }

    [Fact]
    public void Catalog_UnknownSwarm_ListsTheKnownOnes()
    {
        var ex = Assert.Throws<FileNotFoundException>(() => SwarmCatalog.Discover(RepoRoot()).Load("no-such-swarm"));
        Assert.Contains("market-analysis", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateWorkflow_OnTheLocalModel_RunsEveryAgentWithItsRole()
    {
        var definition = SwarmCatalog.Discover(RepoRoot()).Load("market-analysis");
        var local = new Swarms.Agents.Models.LocalChatClient(new Swarms.Agents.Models.LocalModelOptions { TokensPerSecond = 0 });

        var workflow = definition.CreateWorkflow(a =>
        {
            var options = a.ToOptions();
            options.ChatClient = local;
            return new Agent(options);
        });
        var result = await workflow.RunAsync("Analyze TSLA");

        Assert.IsType<ConcurrentWorkflow>(workflow);
        Assert.Equal(WorkflowStatus.Completed, result.Status);
        Assert.Contains("Technical analysis", result.Agents[0].Output, StringComparison.Ordinal);
        Assert.Contains("Fundamental analysis", result.Agents[1].Output, StringComparison.Ordinal);
        Assert.Contains("Sentiment analysis", result.Agents[2].Output, StringComparison.Ordinal);
    }
}
