using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using Swarms.Agents.Callbacks;
using Swarms.Agents.Streaming;
using Swarms.Agents.Tests.Support;

namespace Swarms.Agents.Tests.Callbacks;

public sealed partial class FileStreamLoggerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("swarms-log-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task RunAsync_PlainCallback_OneTimestampedLinePerTokenAndTheFileIsClosed()
    {
        var path = Path.Combine(_dir, "stream.log");
        var tokens = new List<string>();
        string answer;
        await using (var log = StreamingCallbacks.ToFile(path))
        {
            Action<string> callback = log.OnToken;
            answer = await new Agent(TestAgents.Options()).RunAsync(TestAgents.Task, callback + tokens.Add);
            Assert.Equal(tokens.Count, log.LinesWritten);
        }

        // Closed: the file can be opened for exclusive writing.
        using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
        }

        var lines = File.ReadAllLines(path);
        Assert.Equal(tokens.Count, lines.Length);
        Assert.All(lines, l => Assert.Matches(LinePattern(), l));
        Assert.Equal(answer, string.Concat(lines.Select(Unquote)));
    }

    [Fact]
    public void OnTokenInfo_ClosingChunk_WritesFinishReasonAndUsage()
    {
        var path = Path.Combine(_dir, "detailed.log");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 14, 0, 0, TimeSpan.Zero));
        using (var log = new FileStreamLogger(path, timeProvider: time))
        {
            log.WriteNote("run 1");
            log.OnTokenInfo(new TokenInfo { Content = "Hello\n\"x\"", Index = 0, AgentName = "A" });
            log.OnTokenInfo(new TokenInfo
            {
                Content = "", Index = 1, AgentName = "A", Model = "m", IsLast = true, FinishReason = "stop",
                Usage = new TokenUsage(10, 2, 12),
            });
        }

        Assert.Equal(
            [
                "2026-11-25T14:00:00.000Z # run 1",
                "2026-11-25T14:00:00.000Z #0 \"Hello\\n\\\"x\\\"\"",
                "2026-11-25T14:00:00.000Z #1 [end] agent=A model=m finish=stop input=10 output=2 total=12",
            ],
            File.ReadAllLines(path));
    }

    [Fact]
    public void OnToken_AfterDispose_Throws()
    {
        var log = new FileStreamLogger(Path.Combine(_dir, "closed.log"));
        log.Dispose();
        log.Dispose();

        Assert.Throws<ObjectDisposedException>(() => log.OnToken("x"));
    }

    private static string Unquote(string line)
    {
        var quoted = line[(line.IndexOf(' ', StringComparison.Ordinal) + 1)..];
        return Regex.Unescape(quoted[1..^1]);
    }

    [GeneratedRegex("""^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z ".*"$""")]
    private static partial Regex LinePattern();
}
