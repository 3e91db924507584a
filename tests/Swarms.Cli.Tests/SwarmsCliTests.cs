using System.Text.Json;

namespace Swarms.Cli.Tests;

public class SwarmsCliTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("run", "--help")]
    [InlineData("agent", "--help")]
    [InlineData("list", "--help")]
    [InlineData("runs", "--help")]
    [InlineData("runs", "show", "--help")]
    [InlineData("runs", "resume", "--help")]
    [InlineData("runs", "approve", "--help")]
    public async Task Help_OnEveryCommand_ShowsExamplesAndExitsZero(params string[] args)
    {
        using var cli = new CliRunner();

        int code = await cli.RunAsync(args);

        Assert.Equal(0, code);
        Assert.Contains("Examples:", cli.Out.ToString(), StringComparison.Ordinal);
        Assert.Contains("swarms ", cli.Out.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bogus-command")]
    [InlineData("run")]
    [InlineData("run", "market-analysis")]
    [InlineData("run", "--provider", "nope", "market-analysis", "Analyze TSLA")]
    [InlineData("run", "--json", "--quiet", "market-analysis", "Analyze TSLA")]
    [InlineData("run", "--dashboard", "--no-dashboard", "market-analysis", "Analyze TSLA")]
    [InlineData("run", "--agent", "no-equals-sign", "Analyze TSLA")]
    [InlineData("run", "--agent", "A=one", "market-analysis", "Analyze TSLA")]
    [InlineData("run", "market-analysis", "Analyze TSLA", "--output", "/no/such/dir/out.md")]
    [InlineData("agent", "task", "--max-loops", "0")]
    [InlineData("agent", "")]
    [InlineData("agent", "   ")]
    [InlineData("agent")]
    [InlineData("agent", "task", "--task-file", "brief.md")]
    [InlineData("agent", "--task-file", "no-such-file.md")]
    [InlineData("agent", "task", "--name", " ")]
    [InlineData("run", "market-analysis", "")]
    [InlineData("run", "market-analysis", " \t ")]
    public async Task BadUsage_ExitsTwoWithAMessageAndNoStackTrace(params string[] args)
    {
        using var cli = new CliRunner();

        int code = await cli.RunAsync(args);

        Assert.Equal(2, code);
        var error = cli.Error.ToString();
        Assert.StartsWith("swarms: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.Equal("", cli.Out.ToString());
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("2.5")]
    public async Task Agent_MaxLoopsNotAWholeNumber_SaysSoWithoutNamingADotNetType(string value)
    {
        using var cli = new CliRunner();

        int code = await cli.RunAsync("agent", "task", "--max-loops", value);

        Assert.Equal(2, code);
        Assert.Contains($"--max-loops: '{value}' is not a whole number of 1 or more.", cli.Error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("System.", cli.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agent_EmptyTask_ExitsTwoSayingTheTaskIsEmpty()
    {
        using var cli = new CliRunner();

        int code = await cli.RunAsync("agent", "   ");

        Assert.Equal(2, code);
        Assert.Equal("swarms: The task is empty.", cli.Error.ToString().Trim());
    }

    [Fact]
    public async Task Agent_Help_ModelOptionTalksAboutTheAgentNotADefinition()
    {
        using var cli = new CliRunner();

        await cli.RunAsync("agent", "--help");

        Assert.Contains("The model (or Azure deployment) the agent calls", cli.Out.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Overrides the definition", cli.Out.ToString(), StringComparison.Ordinal);
        Assert.Contains("--task-file", cli.Out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agent_TaskFile_ReadsTheTaskFromTheFile()
    {
        using var cli = new CliRunner();
        cli.WriteFile("brief.md", "Analyze the NVDA earnings call\n\nFocus on margins.\n");

        int code = await cli.RunAsync("agent", "--task-file", "brief.md", "--quiet");

        Assert.Equal(0, code);
        Assert.StartsWith("**Market analysis: \"NVDA earnings call\"**", cli.Out.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("agent", "-")]
    [InlineData("agent", "--task-file", "-")]
    [InlineData("run", "research-writer", "-")]
    public async Task Task_Dash_ReadsTheTaskFromStandardInput(params string[] args)
    {
        using var cli = new CliRunner { Input = new StringReader("Explain tidal energy\n") };

        int code = await cli.RunAsync([.. args, "--quiet"]);

        Assert.Equal(0, code);
        Assert.Contains("\"tidal energy\"", cli.Out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agent_TaskStartingWithAt_IsATaskNotAResponseFile()
    {
        using var cli = new CliRunner();
        cli.WriteFile("notes.txt", "--max-loops abc");

        int code = await cli.RunAsync("agent", "@notes.txt", "--quiet");

        Assert.Equal(0, code);
        Assert.Contains("\"@notes.txt\"", cli.Out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agent_MegabyteTaskWithoutWhitespaceCancelled_Exits130()
    {
        using var cli = new CliRunner(("SWARMS_LOCAL_TOKENS_PER_SECOND", "40"));
        cli.WriteFile("huge.txt", new string('x', 1024 * 1024));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        // Not a timing assertion: the guard only turns a hang (the old unbounded token count) into a failure.
        int code = await cli.RunAsync(cts.Token, "agent", "--task-file", "huge.txt").WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(130, code);
    }

    [Fact]
    public async Task Run_AdHocSingleAgent_SaysOneAgentNotOneAgents()
    {
        using var cli = new CliRunner();

        int code = await cli.RunAsync("run", "--agent", "Solo=You are a researcher.", "Explain tides");

        Assert.Equal(0, code);
        Assert.Contains("ad-hoc: 1 agent (Solo)", cli.Console.Output, StringComparison.Ordinal);
        Assert.Contains("ad-hoc completed: 1/1 agent completed", cli.Console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SwarmsFolderInTheWorkingDirectory_ItsSwarmsAndTheShippedOnesAreBothKnown()
    {
        using var cli = new CliRunner();
        Directory.CreateDirectory(Path.Combine(cli.WorkingDirectory, "swarms"));
        cli.WriteFile("swarms/mine.json", """{ "name": "mine", "kind": "sequential", "agents": [ { "name": "Me", "systemPrompt": "You are a writer." } ] }""");

        Assert.Equal(0, await cli.RunAsync("list"));
        Assert.Equal(0, await cli.RunAsync("run", "market-analysis", "Analyze TSLA", "--quiet"));
        Assert.Equal(0, await cli.RunAsync("run", "mine", "Write about tides", "--quiet"));

        Assert.Contains("mine", cli.Console.Output, StringComparison.Ordinal);
        Assert.Contains("market-analysis", cli.Console.Output, StringComparison.Ordinal);
        Assert.Contains("## Technical-Analyst", cli.Out.ToString(), StringComparison.Ordinal);
        Assert.Contains("**Draft: \"tides\"**", cli.Out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UnknownSwarm_ExitsTwoListingKnownSwarms()
    {
        using var cli = new CliRunner();

        int code = await cli.RunAsync("run", "no-such-swarm", "Analyze TSLA");

        Assert.Equal(2, code);
        Assert.Contains("Unknown swarm 'no-such-swarm'", cli.Error.ToString(), StringComparison.Ordinal);
        Assert.Contains("market-analysis", cli.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_InvalidDefinitionFile_ExitsTwoNamingFileFieldAndProblem()
    {
        using var cli = new CliRunner();
        var file = cli.WriteFile("broken.json", """{ "name": "broken", "kind": "parallel", "agents": [ { "name": "A" } ] }""");

        int code = await cli.RunAsync("run", file, "Analyze TSLA");

        Assert.Equal(2, code);
        Assert.Equal($"swarms: {file}: $.kind: 'parallel' is not one of: sequential, concurrent", cli.Error.ToString().Trim());
    }

    [Fact]
    public async Task Run_Json_WritesOneParseableEventPerLine()
    {
        using var cli = new CliRunner();

        int code = await cli.RunAsync("run", "market-analysis", "Analyze TSLA", "--json");

        Assert.Equal(0, code);
        var events = cli.Out.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal("RunStarted", events[0].GetProperty("type").GetString());
        Assert.Equal("RunCompleted", events[^1].GetProperty("type").GetString());
        Assert.Equal(
            ["Fundamental-Analyst", "Sentiment-Analyst", "Technical-Analyst"],
            events.Where(e => e.GetProperty("type").GetString() == "AgentCompleted").Select(e => e.GetProperty("agent").GetString()).Order());
        Assert.Equal(Enumerable.Range(1, events.Count), events.Select(e => e.GetProperty("seq").GetInt32()));
        Assert.Equal("", cli.Console.Output);
    }

    [Fact]
    public async Task Run_Output_WritesTheFinalOutputAndTheJsonResult()
    {
        using var cli = new CliRunner();

        Assert.Equal(0, await cli.RunAsync("run", "research-writer", "The future of tidal energy", "--quiet", "--output", "article.md"));
        Assert.Equal(0, await cli.RunAsync("run", "research-writer", "The future of tidal energy", "--quiet", "-o", "result.json"));

        var article = await File.ReadAllTextAsync(Path.Combine(cli.WorkingDirectory, "article.md"));
        Assert.Contains("**Draft: \"The future of tidal energy\"**", article, StringComparison.Ordinal);
        using var result = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(cli.WorkingDirectory, "result.json")));
        Assert.Equal("completed", result.RootElement.GetProperty("status").GetString());
        Assert.Equal(["Researcher", "Writer"], result.RootElement.GetProperty("agents").EnumerateArray().Select(a => a.GetProperty("agent").GetString()));
    }

    [Fact]
    public async Task Run_AdHocConcurrentQuiet_PrintsOnlyTheCombinedOutput()
    {
        using var cli = new CliRunner();

        int code = await cli.RunAsync("run", "--agent", "Bull=You are a market analyst arguing the bull case.",
            "--agent", "Bear=You are a risk analyst arguing the bear case.", "--concurrent", "--quiet", "Analyze NVDA");

        Assert.Equal(0, code);
        var output = cli.Out.ToString();
        Assert.StartsWith("## Bull\n\n**Market analysis: \"NVDA\"**", output, StringComparison.Ordinal);
        Assert.Contains("## Bear\n\n**Risk assessment: \"NVDA\"**", output, StringComparison.Ordinal);
        Assert.Equal("", cli.Console.Output);
    }

    [Fact]
    public async Task Run_NotATerminal_PrintsPlainProgressAndSummary()
    {
        using var cli = new CliRunner();

        int code = await cli.RunAsync("run", "market-analysis", "Analyze TSLA");

        Assert.Equal(0, code);
        var output = cli.Console.Output;
        Assert.DoesNotContain('\u001b', output);
        Assert.Contains("[Technical-Analyst] started", output, StringComparison.Ordinal);
        Assert.Contains("[Sentiment-Analyst] **Sentiment analysis: \"TSLA\"**", output, StringComparison.Ordinal);
        Assert.Contains("market-analysis completed: 3/3 agents completed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ModelUnreachable_ExitsOneWithTheAgentsError()
    {
        using var cli = new CliRunner(("OPENAI_BASE_URL", "http://127.0.0.1:9/v1"), ("OPENAI_MODEL", "test-model"));
        var file = cli.WriteFile("one.json", """
            { "name": "one", "kind": "concurrent", "agents": [ { "name": "Lonely", "systemPrompt": "You are alone.", "options": { "retryAttempts": 0 } } ] }
            """);

        int code = await cli.RunAsync("run", file, "Say hello", "--provider", "openai", "--quiet");

        Assert.Equal(1, code);
        Assert.Contains("Agent 'Lonely' failed", cli.Error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", cli.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Cancelled_Exits130()
    {
        using var cli = new CliRunner(("SWARMS_LOCAL_TOKENS_PER_SECOND", "5"));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        int code = await cli.RunAsync(cts.Token, "run", "market-analysis", "Analyze TSLA");

        Assert.Equal(130, code);
        Assert.Contains("cancelled", cli.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agent_Quiet_PrintsTheAnswer()
    {
        using var cli = new CliRunner();

        int code = await cli.RunAsync("agent", "Analyze TSLA stock", "--quiet");

        Assert.Equal(0, code);
        Assert.StartsWith("**Market analysis: \"TSLA stock\"**", cli.Out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agent_Default_PrintsThePanelOnTheConsole()
    {
        using var cli = new CliRunner();

        int code = await cli.RunAsync("agent", "Analyze TSLA stock", "--name", "Demo");

        Assert.Equal(0, code);
        Assert.Contains("Agent: Demo", cli.Console.Output, StringComparison.Ordinal);
        Assert.Contains("Market analysis", cli.Console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agent_Json_WritesEvents()
    {
        using var cli = new CliRunner();

        int code = await cli.RunAsync("agent", "Analyze TSLA", "--json");

        Assert.Equal(0, code);
        var types = cli.Out.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("type").GetString()).ToList();
        Assert.Equal("AgentStarted", types[0]);
        Assert.Equal("AgentCompleted", types[^1]);
    }

    [Fact]
    public async Task List_ShowsTheShippedSwarms()
    {
        using var cli = new CliRunner();

        int code = await cli.RunAsync("list");

        Assert.Equal(0, code);
        Assert.Contains("market-analysis", cli.Console.Output, StringComparison.Ordinal);
        Assert.Contains("research-writer", cli.Console.Output, StringComparison.Ordinal);
        Assert.Contains("concurrent", cli.Console.Output, StringComparison.Ordinal);
    }
}
