using System.Diagnostics;

namespace Swarms.Cli.Tests;

/// <summary>
/// End to end: the built CLI runs in a real terminal (tmux, 160x50) and the screen is read with
/// <c>capture-pane</c> while three agents stream on the local model. Needs tmux (installed by <c>.ci/run</c>).
/// </summary>
public class CliTmuxIntegrationTests
{
    private static readonly string[] AgentNames = ["Technical-Analyst", "Fundamental-Analyst", "Sentiment-Analyst"];

    [Fact]
    public async Task Run_MarketAnalysisInATerminal_ShowsThreeAgentsStreamingThenTheSummary()
    {
        var socket = $"swarms-test-{Guid.NewGuid():n}";
        var workDir = Directory.CreateTempSubdirectory("swarms-tmux-").FullName;
        var dll = Path.Combine(AppContext.BaseDirectory, "swarms.dll");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var command = $"env SWARMS_LOCAL_TOKENS_PER_SECOND=30 '{dotnet}' '{dll}' run market-analysis 'Analyze TSLA'; echo SWARMS_EXIT=$?; sleep 600";
        try
        {
            var (started, startError) = await TmuxAsync(socket, "-f", "/dev/null", "new-session", "-d", "-x", "160", "-y", "50", "-c", workDir, command);
            Assert.True(started == 0, $"tmux could not start (is it installed? .ci/run installs it): {startError}");

            string? whileRunning = null;
            string screen = "";
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < TimeSpan.FromMinutes(3))
            {
                screen = (await TmuxAsync(socket, "capture-pane", "-p")).Output;
                if (whileRunning is null && AgentNames.All(n => screen.Contains(n, StringComparison.Ordinal))
                    && CountOf(screen, " running ") >= 2 && screen.Contains("analysis: \"TSLA\"", StringComparison.Ordinal))
                {
                    whileRunning = screen;
                }

                if (screen.Contains("SWARMS_EXIT=", StringComparison.Ordinal))
                {
                    break;
                }

                await Task.Delay(200);
            }

            Assert.True(whileRunning is not null, $"never saw the three agents streaming at once; last screen:\n{screen}");
            Assert.Contains("market-analysis", whileRunning, StringComparison.Ordinal);
            Assert.Contains("SWARMS_EXIT=0", screen, StringComparison.Ordinal);
            Assert.Contains("Summary", screen, StringComparison.Ordinal);
            Assert.Contains("market-analysis completed: 3/3 agents completed", screen, StringComparison.Ordinal);
        }
        finally
        {
            await TmuxAsync(socket, "kill-server");
            Directory.Delete(workDir, recursive: true);
        }
    }

    private static int CountOf(string text, string value)
    {
        int count = 0;
        for (int i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static async Task<(int Code, string Output)> TmuxAsync(string socket, params string[] args)
    {
        var psi = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("-L");
        psi.ArgumentList.Add(socket);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        try
        {
            using var process = Process.Start(psi)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, await output + await error);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, ex.Message);
        }
    }
}
