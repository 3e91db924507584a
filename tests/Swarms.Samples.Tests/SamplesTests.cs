using System.Globalization;
using System.Text.RegularExpressions;

namespace Swarms.Samples.Tests;

/// <summary>
/// Runs every sample under <c>samples/</c> on the offline local model (SWARMS_LOCAL_TOKENS_PER_SECOND=0, output
/// redirected, so plain text) and checks what it prints. Each run has its own working directory.
/// </summary>
public partial class SamplesTests
{
    [Fact]
    public async Task BasicStreaming_PrintsHeaderAnswerOnceAndItsLength()
    {
        var output = await RunOkAsync("BasicStreaming");

        Assert.StartsWith("🤖 Agent: Streaming-Agent | Loops: 1\n", output, StringComparison.Ordinal);
        var match = Regex.Match(output, @"\nComplete response: (\d+) characters, \d+ words\.\n$");
        Assert.True(match.Success, output);
        var answer = output[(output.IndexOf('\n', StringComparison.Ordinal) + 1)..match.Index];
        Assert.Equal(Int(match.Groups[1]), answer.Length);
        Assert.StartsWith("**Research brief: \"how neural networks work\"**", answer, StringComparison.Ordinal);
        Assert.Equal(1, Occurrences(output, "**Research brief"));
    }

    [Fact]
    public async Task StreamingCallback_CallbackPrintsEveryTokenOfTheAnswer()
    {
        var output = await RunOkAsync("StreamingCallback");

        var match = Regex.Match(output, @"\nCallback received (\d+) tokens; the returned response has (\d+) characters\.\n$");
        Assert.True(match.Success, output);
        Assert.True(Int(match.Groups[1]) > 50);
        Assert.Equal(Int(match.Groups[2]), match.Index);
        Assert.StartsWith("**Research brief: \"quantum computing\"**", output, StringComparison.Ordinal);
        Assert.DoesNotContain("🤖", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DetailedCallback_ClosingChunkCarriesFinishReasonUsageAndModel()
    {
        var output = await RunOkAsync("DetailedCallback");

        Assert.StartsWith("**Fundamental analysis: \"NVDA\"**", output, StringComparison.Ordinal);
        Assert.Contains("\nModel: local-stand-in (offline, not an LLM)\n", output, StringComparison.Ordinal);
        Assert.Contains("\nFinish reason: stop\n", output, StringComparison.Ordinal);
        var usage = Regex.Match(output, @"\nUsage: input=(\d+) output=(\d+) total=(\d+)\n");
        Assert.True(usage.Success, output);
        Assert.True(Int(usage.Groups[1]) > 0 && Int(usage.Groups[2]) > 50);
        Assert.Equal(Int(usage.Groups[1]) + Int(usage.Groups[2]), Int(usage.Groups[3]));
        Assert.True(Int(Regex.Match(output, @"\nChunks: (\d+)\n").Groups[1]) > 50);
    }

    [Fact]
    public async Task SilentMode_PrintsOnlyTheSummaryAfterTheRun()
    {
        var output = await RunOkAsync("SilentMode");

        var lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.Matches(@"^Nothing was printed while the agent ran\. Response: \d{3,} characters\.$", lines[0]);
        Assert.StartsWith("Last line: ", lines[1], StringComparison.Ordinal);
        Assert.Contains("\"risks of a cloud migration\"", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task CustomLivePanel_PrintsTheCustomPanelOnceWithTheWholeAnswer()
    {
        var output = await RunOkAsync("CustomLivePanel");

        Assert.Equal(1, Occurrences(output, "📊 Market Watch: semiconductors"));
        Assert.StartsWith("╔═📊 Market Watch", output, StringComparison.Ordinal);
        Assert.Contains("║ **Market analysis: \"semiconductor market\"**", output, StringComparison.Ordinal);
        Assert.Contains("╚", output, StringComparison.Ordinal);
        var match = Regex.Match(output, @"Panel showed (\d+) characters; response has (\d+)\.");
        Assert.True(match.Success, output);
        Assert.Equal(match.Groups[1].Value, match.Groups[2].Value);
    }

    [Fact]
    public async Task ProgressBar_ReportsTokensAgainstMaxTokens()
    {
        var output = await RunOkAsync("ProgressBar");

        var match = Regex.Match(output, @"Received (\d+)/300 tokens \(of at most 300\)\.\n\*\*Draft: ""quarterly report""\*\*\n");
        Assert.True(match.Success, output);
        Assert.InRange(Int(match.Groups[1]), 50, 300);
    }

    [Fact]
    public async Task FileLogging_WritesOneTimestampedLinePerTokenAndClosesTheFile()
    {
        var result = await SampleRunner.RunAsync("FileLogging", "stream.log");
        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        var output = result.Output;

        Assert.StartsWith("🤖 Agent: Logged-Agent | Loops: 1\n**Engineering review: \"deployment plan\"**", output, StringComparison.Ordinal);
        var logged = Regex.Match(output, @"\nLogged (\d+) lines to (.+)\n");
        Assert.True(logged.Success, output);
        var path = Path.Combine(result.WorkingDirectory, "stream.log");
        Assert.Equal(Path.GetFullPath(path), Path.GetFullPath(logged.Groups[2].Value));
        var lines = File.ReadAllLines(path);
        Assert.Equal(Int(logged.Groups[1]), lines.Length);
        Assert.Contains($"\nFile has {lines.Length} lines. First three:\n", output, StringComparison.Ordinal);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z # agent=Logged-Agent task=Review the deployment plan$", lines[0]);
        Assert.All(lines.Skip(1), l => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z "".*""$", l));
        var text = string.Concat(lines.Skip(1).Select(l => Regex.Unescape(l[26..^1])));
        Assert.Contains(text + "\nLogged", output, StringComparison.Ordinal);
        Directory.Delete(result.WorkingDirectory, recursive: true);
    }

    [Fact]
    public async Task BufferedCallback_ChunksOfAtLeast80CharactersAndTheTailFlushed()
    {
        var output = await RunOkAsync("BufferedCallback");

        var chunks = Regex.Matches(output, @"^\[chunk (\d+), (\d+) chars\] ", RegexOptions.Multiline);
        var summary = Regex.Match(output, @"\n(\d+) chunks delivered, (\d+) characters in total, 0 left in the buffer\.\n$");
        Assert.True(summary.Success, output);
        Assert.Equal(Int(summary.Groups[1]), chunks.Count);
        Assert.True(chunks.Count >= 3);
        Assert.All(chunks.SkipLast(1), c => Assert.True(Int(c.Groups[2]) >= 80));
        Assert.Equal(Int(summary.Groups[2]), chunks.Sum(c => Int(c.Groups[2])));
        Assert.Equal(Enumerable.Range(1, chunks.Count), chunks.Select(c => Int(c.Groups[1])));
    }

    [Fact]
    public async Task ErrorHandling_CallbackErrorLoggedOnceRetryVisibleAndFinalFailureNamed()
    {
        var result = await SampleRunner.RunAsync("ErrorHandling");
        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        var output = result.Output;

        Assert.Matches(@"^1\. Callback threw from token 10 on; the run still returned \d{3,} characters after 1 model call\(s\)\.\n", output);
        Assert.Contains(
            "2. Attempt 1 started.\n2. Attempt 1 failed (HttpRequestException: 503 Service Unavailable (simulated)); will retry: True.\n2. Attempt 2 started.\n",
            output, StringComparison.Ordinal);
        Assert.Matches(@"\n2\. Completed on attempt 2: \d{3,} characters, 2 model calls\.\n", output);
        Assert.Contains("3. Gave up after 3 attempts: Agent 'Resilient-Agent' failed calling model 'local-stand-in (offline, not an LLM)' after 3 attempt(s): HttpRequestException: 503",
            output, StringComparison.Ordinal);
        // Verbose diagnostics go to standard error, never into the answer on standard output.
        Assert.Equal(1, Occurrences(result.Error, "a callback threw"));
        Assert.Contains("Agent Resilient-Agent", result.Error, StringComparison.Ordinal);
        Assert.Contains("loop 1 of 1", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("loop 1 of 1", output, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', output);
    }

    [Fact]
    public async Task RateLimiting_FewerCallsThanTokensAndNothingDropped()
    {
        var output = await RunOkAsync("RateLimiting");

        var summary = Regex.Match(output, @"\n(\d+) tokens delivered in (\d+) calls; (\d+) characters\.\n$");
        Assert.True(summary.Success, output);
        int calls = Int(summary.Groups[2]);
        Assert.InRange(calls, 1, Int(summary.Groups[1]) - 1);
        var deliveries = Regex.Matches(output, @"^\[\+\d+\.\d\ds\] (.*)$", RegexOptions.Multiline);
        Assert.Equal(calls, deliveries.Count);
        // Every character of the answer went out in some call: none dropped, none doubled.
        Assert.Equal(Int(summary.Groups[3]), deliveries.Sum(d => d.Groups[1].Length));
        Assert.StartsWith("**Technical", deliveries[0].Groups[1].Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RuntimeConfiguration_RuntimeCallbackOverridesAndOptionChangesApply()
    {
        var output = await RunOkAsync("RuntimeConfiguration");

        var run1 = Regex.Match(output, @"^Run 1: the options' callback got (\d+) tokens; \d+ characters\.\n");
        Assert.True(run1.Success, output);
        var n = run1.Groups[1].Value;
        Assert.Contains($"Run 2: the run-time callback got {n} tokens; the options' callback stayed at {n}.\n", output, StringComparison.Ordinal);
        Assert.Matches(@"\nRun 3: MaxTokens = 40 gave finish reason 'length' after (3\d|40) output tokens; title: \*\*Risk assessment: ""electric vehicle market""\*\*\n", output);
        Assert.Equal(1, Occurrences(output, "🤖 Agent: Configurable-Agent | Loops: 1\n**Risk assessment: \"electric vehicle market\"**"));
        Assert.Matches(@"\nRun 4: printed while streaming; \d{3,} characters\.\n$", output);
    }

    [Fact]
    public async Task StreamingSupport_ChecksNamesAndProbesTheLocalModel()
    {
        var output = await RunOkAsync("StreamingSupport");

        Assert.Matches(@"gpt-4o-mini +can stream chat answers: yes\n", output);
        Assert.Matches(@"text-embedding-3-small +can stream chat answers: no\n", output);
        Assert.Matches(@"dall-e-3 +can stream chat answers: no\n", output);
        Assert.Contains("Configured chat client can stream: yes\n", output, StringComparison.Ordinal);
        Assert.Matches(@"Probe of 'local-stand-in \(offline, not an LLM\)': \d+ text chunks, first after \d+ ms, token by token: yes\n$", output);
    }

    [Fact]
    public async Task ConcurrentWorkflow_ThreeAnalystsCompleteWithResultsInAgentOrder()
    {
        var output = await RunOkAsync("ConcurrentWorkflow");

        Assert.Contains("market-analysis: 3 agents (Technical-Analyst, Fundamental-Analyst, Sentiment-Analyst)", output, StringComparison.Ordinal);
        Assert.Contains("[Technical-Analyst] **Technical analysis: \"Tesla (TSLA) stock for investment potential\"**", output, StringComparison.Ordinal);
        Assert.Contains("market-analysis completed: 3/3 agents completed", output, StringComparison.Ordinal);
        var rows = Regex.Matches(output, @"^(\S+-Analyst): completed, (\d+) characters, (\d+) tokens$", RegexOptions.Multiline);
        Assert.Equal(["Technical-Analyst", "Fundamental-Analyst", "Sentiment-Analyst"], rows.Select(m => m.Groups[1].Value));
        var total = Regex.Match(output, @"\nTotal: (\d+) tokens, status completed\n");
        Assert.True(total.Success, output);
        Assert.Equal(rows.Sum(m => Int(m.Groups[3])), Int(total.Groups[1]));
    }

    [Fact]
    public async Task SequentialWorkflow_WriterFollowsResearcherAndProducesTheFinalDraft()
    {
        var output = await RunOkAsync("SequentialWorkflow");

        Assert.Contains("research-writer: 2 agents (Researcher, Writer)", output, StringComparison.Ordinal);
        Assert.True(output.IndexOf("[Researcher] started", StringComparison.Ordinal) < output.IndexOf("[Writer] completed", StringComparison.Ordinal), output);
        Assert.Contains("research-writer completed: 2/2 agents completed", output, StringComparison.Ordinal);
        Assert.Matches(@"Steps: Researcher \(.*-> Writer \(", output);
        Assert.Contains("Final output: **Draft: \"future of renewable energy\"**", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadmeQuickstart_PrintsThePanelOnceOrTheCallbacksTextOnce()
    {
        var printed = await RunOkAsync("ReadmeQuickstart");
        var called = await RunOkAsync("ReadmeQuickstart", "callback");

        var answer = called[..called.LastIndexOf('\n', called.Length - 2)];
        Assert.Equal($"🤖 Agent: Financial-Analyst | Loops: 1\n{answer}\n{answer.Length} characters\n", printed);
        Assert.Equal($"{answer}\n{answer.Length} characters\n", called);
        Assert.StartsWith("**Fundamental analysis: \"TSLA\"**", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FunctionTools_EachRunShowsTheToolCallItsResultAndAnAnswerUsingIt()
    {
        var output = await RunOkAsync("FunctionTools");

        Assert.Contains("⚙ get_stock_price {\"symbol\":\"TSLA\"}\n⚙ get_stock_price → 251.3\n", output, StringComparison.Ordinal);
        Assert.Contains("Answer: 251.3.", output, StringComparison.Ordinal);
        Assert.Contains("⚙ calculator {\"expression\":\"251.30 * 40\"}\n⚙ calculator → 10052\n", output, StringComparison.Ordinal);
        Assert.Contains("Answer: 10052.", output, StringComparison.Ordinal);
        Assert.EndsWith("Event: get_stock_price returned 132.65\nTool calls seen as events: 1\n", output, StringComparison.Ordinal);
        Assert.Equal(2, Occurrences(output, "🤖 Agent: Quant | Loops: 1"));
    }

    [Fact]
    public async Task McpTools_ListsTheServersToolsThenTheAgentCallsOneInTheServerProcess()
    {
        var output = await RunOkAsync("McpTools");

        Assert.StartsWith("MCP server 'text-tools' offers: word_count (safe to repeat: yes), reverse_text (safe to repeat: yes)\n", output, StringComparison.Ordinal);
        Assert.Contains("⚙ word_count {\"text\":\"the quick brown fox jumps over the lazy dog\"}\n⚙ word_count → 9\n", output, StringComparison.Ordinal);
        Assert.EndsWith("Answer: 9.\n", output, StringComparison.Ordinal);
    }

    private static async Task<string> RunOkAsync(string sample, params string[] args)
    {
        var result = await SampleRunner.RunAsync(sample, args);
        try
        {
            Assert.True(result.ExitCode == 0, $"{sample} exited with {result.ExitCode}.\n{result.Output}\n{result.Error}");
            // Output is redirected: plain text, never an ANSI escape.
            Assert.DoesNotContain('\u001b', result.Output);
            return result.Output;
        }
        finally
        {
            Directory.Delete(result.WorkingDirectory, recursive: true);
        }
    }

    private static int Int(Group group) => int.Parse(group.Value, CultureInfo.InvariantCulture);

    private static int Occurrences(string text, string value) =>
        text.Length == 0 ? 0 : (text.Length - text.Replace(value, "", StringComparison.Ordinal).Length) / value.Length;
}
