using System.Text.RegularExpressions;
using Swarms.Tests.Terminal;

namespace Swarms.Samples.Tests;

/// <summary>
/// The README's library snippets: still exactly what <c>samples/ReadmeQuickstart</c> runs, and clean on a real
/// terminal (tmux): the agent's own panel once, or the callback's text once, never both fighting over the screen.
/// </summary>
public sealed partial class ReadmeSnippetsTmuxIntegrationTests : IDisposable
{
    private const string FirstLine = "**Fundamental analysis: \"TSLA\"**";
    private readonly string _workDir = Directory.CreateTempSubdirectory("swarms-readme-").FullName;

    public void Dispose() => Directory.Delete(_workDir, recursive: true);

    [Theory]
    [InlineData("prints", "ReadmeQuickstart")]
    [InlineData("callback", "ReadmeQuickstart")]
    [InlineData("tools", "FunctionTools")]
    public void ReadmeSnippet_IsTheCodeTheSampleRuns(string snippet, string sample)
    {
        var readme = File.ReadAllText(Path.Combine(SampleRunner.RepositoryRoot, "README.md"));
        var block = Regex.Match(readme, $@"<!-- snippet: {snippet} -->\s*```csharp\n(?<code>.*?)```", RegexOptions.Singleline);
        Assert.True(block.Success, $"README.md has no code block marked <!-- snippet: {snippet} -->");
        var program = File.ReadAllText(Path.Combine(SampleRunner.RepositoryRoot, "samples", sample, "Program.cs"));

        // using directives go at the top of the file; the rest must appear as one block.
        var wanted = Lines(block.Groups["code"].Value);
        var have = Lines(program);
        Assert.All(wanted.Where(l => l.StartsWith("using ", StringComparison.Ordinal)), u => Assert.Contains(u, have));
        wanted.RemoveAll(l => l.StartsWith("using ", StringComparison.Ordinal));
        bool found = Enumerable.Range(0, have.Count - wanted.Count + 1).Any(i => have.Skip(i).Take(wanted.Count).SequenceEqual(wanted));
        Assert.True(found, $"samples/{sample}/Program.cs does not contain the README's '{snippet}' snippet:\n{string.Join('\n', wanted)}");
    }

    [Fact]
    public async Task PrintingSnippet_OnATerminal_OnePanelWithTheAnswerOnce()
    {
        await using var tmux = new Tmux();
        await tmux.StartAsync(_workDir, Command(""));

        var (_, screen) = await tmux.WatchAsync();

        Assert.Contains($"{Tmux.ExitMarker}0", screen, StringComparison.Ordinal);
        Assert.Equal(1, Tmux.Count(screen, "🤖 Agent: Financial-Analyst | Loops: 1"));
        Assert.Equal(1, Tmux.Count(screen, FirstLine));
        Assert.Equal(1, Tmux.Count(screen, "╭"));
        Assert.Matches(@"\n\d{3,} characters\n", screen);
    }

    [Fact]
    public async Task CallbackSnippet_OnATerminal_TheCallbacksTextOnceAndNoPanel()
    {
        await using var tmux = new Tmux();
        await tmux.StartAsync(_workDir, Command("callback"));

        var (_, screen) = await tmux.WatchAsync();

        Assert.Contains($"{Tmux.ExitMarker}0", screen, StringComparison.Ordinal);
        Assert.Equal(0, Tmux.Count(screen, "🤖"));
        Assert.Equal(0, Tmux.Count(screen, "╭"));
        Assert.Equal(1, Tmux.Count(screen, FirstLine));
        Assert.Matches(@"\n\d{3,} characters\n", screen);
    }

    private static string Command(string args)
    {
        var dll = SampleRunner.FindDll("ReadmeQuickstart");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        // Streaming at a readable pace, so the live panel really redraws while the answer grows.
        return $"env -u SWARMS_MODEL_PROVIDER -u OPENAI_API_KEY -u OPENAI_BASE_URL -u AZURE_OPENAI_ENDPOINT SWARMS_LOCAL_TOKENS_PER_SECOND=150 '{dotnet}' '{dll}' {args}";
    }

    private static List<string> Lines(string code) =>
        [.. code.ReplaceLineEndings("\n").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];
}
