using Microsoft.Extensions.Logging;
using Swarms.Agents.Tests.Support;

namespace Swarms.Agents.Tests.Console;

public class AgentConsoleRendererTests
{
    private const string Title = "🤖 Agent: Analyst | Loops: 1";

    [Fact]
    public async Task RunAsync_TerminalStreaming_LivePanelThenCompleteAnswerOnScreenOnce()
    {
        using var console = TestAgents.Terminal();
        var options = TestAgents.Options(console, TestAgents.Local(tokensPerSecond: 400));
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
        using var console = TestAgents.Redirected();
        var options = TestAgents.Options(console);
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
        using var console = TestAgents.Terminal();
        var answer = await new Agent(TestAgents.Options(console)).RunAsync(TestAgents.Task);

        var screen = TerminalScreen.Render(console.Output);
        Assert.Equal(1, screen.Count(l => l.StartsWith('╭')));
        Assert.Equal(1, TestAgents.Occurrences(string.Join('\n', screen), Title));
        Assert.Equal(1, TestAgents.Occurrences(TerminalScreen.PanelText(screen), answer));
    }

    [Fact]
    public async Task RunAsync_RedirectedWithoutStreaming_HeaderAndAnswerOnce()
    {
        using var console = TestAgents.Redirected();
        var answer = await new Agent(TestAgents.Options(console)).RunAsync(TestAgents.Task);

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
        using var console = terminal ? TestAgents.Terminal() : TestAgents.Redirected();
        var options = TestAgents.Options(console);
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
        using var console = TestAgents.Redirected();
        var logs = new CapturingLoggerFactory();
        var options = TestAgents.Options(console);
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
        using var console = TestAgents.Terminal();
        var options = TestAgents.Options(console);
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
        using var console = TestAgents.Redirected();
        var options = TestAgents.Options(console);
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
        using var console = TestAgents.Terminal();
        var model = new CountingChatClient(TestAgents.Local(tokensPerSecond: 400)) { CutCallAfter = call => call == 1 ? 15 : null };
        var options = TestAgents.Options(console, model);
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
        using var console = TestAgents.Redirected();
        var model = new CountingChatClient(TestAgents.Local()) { CutCallAfter = call => call == 1 ? 15 : null };
        var options = TestAgents.Options(console, model);
        options.StreamingOn = true;

        var answer = await new Agent(options).RunAsync(TestAgents.Task);

        var output = console.Output.ReplaceLineEndings("\n");
        Assert.DoesNotContain('\u001b', output);
        Assert.Equal(1, TestAgents.Occurrences(output, Title));
        var restart = output.IndexOf("\n[attempt 2: restarting the answer]\n", StringComparison.Ordinal);
        Assert.True(restart > Title.Length, output);
        Assert.Equal(answer + "\n", output[(restart + "\n[attempt 2: restarting the answer]\n".Length)..]);
    }

    [Fact]
    public async Task RunAsync_RedirectedWithoutStreamingThreeLoops_EachLoopPrintedOnceInOrder()
    {
        using var console = TestAgents.Redirected();
        var options = TestAgents.Options(console);
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
