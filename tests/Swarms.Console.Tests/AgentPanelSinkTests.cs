using Swarms.Agents;
using Swarms.Agents.Tests.Support;
using Swarms.Agents.Tests.Workflows;
using Swarms.Console.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Swarms.Console.Tests;

public class AgentPanelSinkTests
{
    private const string Title = "🤖 Agent: Analyst | Loops: 1";

    [Fact]
    public async Task RunAsync_TerminalStreaming_LivePanelThenCompleteAnswerOnScreenOnce()
    {
        using var console = TestConsoles.Terminal();
        var options = TestConsoles.Printing(console, TestAgents.Local(tokensPerSecond: 400));
        options.StreamingOn = true;

        var answer = await new Agent(options).RunAsync(TestAgents.Task);

        var output = console.Output;
        Assert.Contains('\u001b', output);
        Assert.Contains(Title, output);
        // Live frames showed the text while it grew: the first words appear before the final panel is drawn.
        var firstWords = answer[..answer.IndexOf('\n', StringComparison.Ordinal)];
        Assert.True(TestAgents.Occurrences(output, firstWords) >= 2, "the text should appear in a live frame and in the final panel");
        var screen = TerminalScreen.Render(output);
        Assert.Equal(1, screen.Count(l => l.Contains(Title, StringComparison.Ordinal)));
        Assert.Equal(1, TestAgents.Occurrences(TerminalScreen.PanelText(screen), answer));
        Assert.Equal(1, screen.Count(l => l.StartsWith('╭')));
    }

    [Fact]
    public async Task RunAsync_RedirectedStreaming_PlainHeaderAndTextOnceWithoutEscapes()
    {
        using var console = TestConsoles.Redirected();
        var options = TestConsoles.Printing(console);
        options.StreamingOn = true;

        var answer = await new Agent(options).RunAsync(TestAgents.Task);

        var output = console.Output;
        Assert.DoesNotContain('\u001b', output);
        Assert.StartsWith(Title + "\n", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Equal(1, TestAgents.Occurrences(output, Title));
        Assert.Equal(1, TestAgents.Occurrences(output.ReplaceLineEndings("\n"), answer));
    }

    [Fact]
    public async Task RunAsync_TerminalWithoutStreaming_PrintsOnePanel()
    {
        using var console = TestConsoles.Terminal();
        var answer = await new Agent(TestConsoles.Printing(console)).RunAsync(TestAgents.Task);

        var screen = TerminalScreen.Render(console.Output);
        Assert.Equal(1, screen.Count(l => l.StartsWith('╭')));
        Assert.Equal(1, TestAgents.Occurrences(string.Join('\n', screen), Title));
        Assert.Equal(1, TestAgents.Occurrences(TerminalScreen.PanelText(screen), answer));
    }

    [Fact]
    public async Task RunAsync_RedirectedWithoutStreaming_HeaderAndAnswerOnce()
    {
        using var console = TestConsoles.Redirected();
        var answer = await new Agent(TestConsoles.Printing(console)).RunAsync(TestAgents.Task);

        var output = console.Output.ReplaceLineEndings("\n");
        Assert.DoesNotContain('\u001b', output);
        Assert.Equal(Title + "\n" + answer + "\n", output);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public async Task RunAsync_PrintOff_PrintsNothingAndReturnsFullAnswer(bool terminal, bool streaming)
    {
        using var console = terminal ? TestConsoles.Terminal() : TestConsoles.Redirected();
        var options = TestConsoles.Printing(console);
        options.PrintOn = false;
        options.StreamingOn = streaming;
        var tokens = new List<string>();

        var answer = await new Agent(options).RunAsync(TestAgents.Task, tokens.Add);

        Assert.Equal("", console.Output);
        Assert.Equal(string.Concat(tokens), answer);
        Assert.EndsWith(".", answer, StringComparison.Ordinal);
        Assert.Contains("Fundamental analysis", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Verbose_DiagnosticsGoToTheLoggerNotTheConsole()
    {
        using var console = TestConsoles.Redirected();
        var logs = new CapturingLoggerFactory();
        var options = TestConsoles.Printing(console);
        options.Verbose = true;
        options.LoggerFactory = logs;

        var answer = await new Agent(options).RunAsync(TestAgents.Task);

        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Debug && e.Message.Contains("loop 1 of 1", StringComparison.Ordinal));
        Assert.Contains(logs.Entries, e => e.Message.Contains("finished", StringComparison.Ordinal));
        Assert.Equal(Title + "\n" + answer + "\n", console.Output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task RunAsync_TerminalStreamingThreeLoops_EachLoopPanelOnceAndFinalAnswerLast()
    {
        using var console = TestConsoles.Terminal();
        var options = TestConsoles.Printing(console);
        options.StreamingOn = true;
        options.MaxLoops = 3;

        var answer = await new Agent(options).RunAsync(TestAgents.Task);

        var screen = TerminalScreen.Render(console.Output);
        Assert.Equal(3, screen.Count(l => l.StartsWith('╭')));
        for (int loop = 1; loop <= 3; loop++)
        {
            Assert.Equal(1, screen.Count(l => l.Contains($"Loops: {loop}", StringComparison.Ordinal)));
        }

        Assert.Equal(1, TestAgents.Occurrences(TerminalScreen.PanelText(screen), answer));
        Assert.EndsWith(answer.Split('\n')[^1], TerminalScreen.PanelText(screen), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_RedirectedStreamingThreeLoops_HeaderPerLoopNoEscapes()
    {
        using var console = TestConsoles.Redirected();
        var options = TestConsoles.Printing(console);
        options.StreamingOn = true;
        options.MaxLoops = 3;

        var answer = await new Agent(options).RunAsync(TestAgents.Task);

        var output = console.Output.ReplaceLineEndings("\n");
        Assert.DoesNotContain('\u001b', output);
        for (int loop = 1; loop <= 3; loop++)
        {
            Assert.Equal(1, TestAgents.Occurrences(output, $"🤖 Agent: Analyst | Loops: {loop}\n"));
        }

        Assert.EndsWith(answer + "\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_TerminalStreamCutAndRetried_ScreenShowsOnlyTheCompleteAnswerOnce()
    {
        using var console = TestConsoles.Terminal();
        var model = new CountingChatClient(TestAgents.Local(tokensPerSecond: 400)) { CutCallAfter = call => call == 1 ? 15 : null };
        var options = TestConsoles.Printing(console, model);
        options.StreamingOn = true;

        var answer = await new Agent(options).RunAsync(TestAgents.Task);

        Assert.Equal(2, model.Calls);
        var screen = TerminalScreen.Render(console.Output);
        Assert.Equal(1, screen.Count(l => l.StartsWith('╭')));
        var panelText = TerminalScreen.PanelText(screen);
        Assert.Equal(answer, panelText);
    }

    [Fact]
    public async Task RunAsync_RedirectedStreamCutAndRetried_SaysTheAnswerRestartsThenPrintsItWhole()
    {
        using var console = TestConsoles.Redirected();
        var model = new CountingChatClient(TestAgents.Local()) { CutCallAfter = call => call == 1 ? 15 : null };
        var options = TestConsoles.Printing(console, model);
        options.StreamingOn = true;

        var answer = await new Agent(options).RunAsync(TestAgents.Task);

        var output = console.Output.ReplaceLineEndings("\n");
        Assert.DoesNotContain('\u001b', output);
        Assert.Equal(1, TestAgents.Occurrences(output, Title));
        // The restart line gives the cause, and says the answer starts again because text had streamed.
        const string Restart = "\n[attempt 1 failed (IOException: stream cut mid-way (simulated)); attempt 2 restarts the answer]\n";
        var restart = output.IndexOf(Restart, StringComparison.Ordinal);
        Assert.True(restart > Title.Length, output);
        Assert.Equal(answer + "\n", output[(restart + Restart.Length)..]);
    }

    [Fact]
    public async Task RunAsync_RedirectedFailedBeforeAnyText_SaysRetryingWithTheCauseNotRestarting()
    {
        using var console = TestConsoles.Redirected();
        var model = new CountingChatClient(TestAgents.Local()) { FailCall = call => call == 1 ? new HttpRequestException("503 (simulated)", null, System.Net.HttpStatusCode.ServiceUnavailable) : null };
        var options = TestConsoles.Printing(console, model);
        options.StreamingOn = true;

        var answer = await new Agent(options).RunAsync(TestAgents.Task);

        var output = console.Output.ReplaceLineEndings("\n");
        Assert.Equal($"{Title}\n[attempt 1 failed (HttpRequestException: 503 (simulated)); retrying]\n{answer}\n", output);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task RunAsync_StreamingOnWithRunTimeCallback_TheCallbackReplacesThePanel(bool terminal)
    {
        using var console = terminal ? TestConsoles.Terminal() : TestConsoles.Redirected();
        var options = TestConsoles.Printing(console, TestAgents.Local(tokensPerSecond: 400));
        options.StreamingOn = true;
        var text = new System.Text.StringBuilder();

        var answer = await new Agent(options).RunAsync(TestAgents.Task, t => text.Append(t));

        Assert.Equal(answer, text.ToString());
        Assert.Equal("", console.Output);
    }

    [Fact]
    public async Task RunAsync_PrintWithRunCallback_PrintsThePanelOnceAndFeedsTheCallback()
    {
        using var console = TestConsoles.Redirected();
        var options = TestConsoles.Printing(console);
        options.StreamingOn = true;
        options.PrintWithRunCallback = true;
        var text = new System.Text.StringBuilder();

        var answer = await new Agent(options).RunAsync(TestAgents.Task, t => text.Append(t));

        Assert.Equal(answer, text.ToString());
        Assert.Equal(Title + "\n" + answer + "\n", console.Output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task RunAsync_TerminalStreamingCancelled_TheTextSoFarStaysOnScreenMarkedCancelled()
    {
        using var console = TestConsoles.Terminal();
        using var cts = new CancellationTokenSource();
        var options = TestConsoles.Printing(console, TestAgents.Local(tokensPerSecond: 200));
        options.StreamingOn = true;
        var seen = new System.Text.StringBuilder();
        // The options' callback still fires beside printing: cancel once some text has streamed.
        options.StreamingCallback = t =>
        {
            seen.Append(t);
            if (seen.Length > 60)
            {
                cts.Cancel();
            }
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new Agent(options).RunAsync(TestAgents.Task, cts.Token));

        var screen = TerminalScreen.Render(console.Output);
        Assert.Single(screen, l => l.Contains(Title + " | cancelled", StringComparison.Ordinal));
        var shown = TerminalScreen.PanelText(screen);
        Assert.StartsWith(seen.ToString().Split('\n')[0], shown, StringComparison.Ordinal);
        Assert.True(shown.Length >= 40, shown);
    }

    [Fact]
    public async Task RunAsync_RedirectedInteractive_PromptStartsOnItsOwnLineAfterTheAnswer()
    {
        using var console = TestConsoles.Redirected();
        var options = TestConsoles.Printing(console);
        options.StreamingOn = true;
        options.MaxLoops = 3;
        options.Interactive = true;
        options.Input = new StringReader("focus on margins\nexit\n");

        await new Agent(options).RunAsync(TestAgents.Task);

        var lines = console.Output.ReplaceLineEndings("\n").Split('\n');
        var prompts = lines.Select((l, i) => (l, i)).Where(x => x.l.Contains("Your input", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, prompts.Count);
        Assert.All(prompts, p => Assert.StartsWith("Your input (type 'exit' to finish):", p.l, StringComparison.Ordinal));
        Assert.DoesNotContain('\u001b', console.Output);
    }

    [Fact]
    public async Task RunAsync_RedirectedWithoutStreamingThreeLoops_EachLoopPrintedOnceInOrder()
    {
        using var console = TestConsoles.Redirected();
        var options = TestConsoles.Printing(console);
        options.MaxLoops = 3;

        var answer = await new Agent(options).RunAsync(TestAgents.Task);

        var output = console.Output.ReplaceLineEndings("\n");
        var headers = Enumerable.Range(1, 3).Select(loop => output.IndexOf($"🤖 Agent: Analyst | Loops: {loop}\n", StringComparison.Ordinal)).ToList();
        Assert.Equal(0, headers[0]);
        Assert.True(headers[0] < headers[1] && headers[1] < headers[2]);
        Assert.Equal(1, TestAgents.Occurrences(output, "Refinement 2"));
        Assert.EndsWith(answer + "\n", output, StringComparison.Ordinal);
    }
}
