using System.Diagnostics;

namespace Swarms.Tests.Terminal;

/// <summary>
/// A real terminal for end-to-end tests: a tmux server of its own (160x50), a command run in it, the screen read with
/// <c>capture-pane</c> and keys sent with <c>send-keys</c>. Needs tmux (installed by <c>.ci/run</c>).
/// </summary>
internal sealed class Tmux : IAsyncDisposable
{
    private readonly string _socket = $"swarms-test-{Guid.NewGuid():n}";

    /// <summary>The marker the command line prints with its exit code when it ends.</summary>
    public const string ExitMarker = "SWARMS_EXIT=";

    /// <summary>Starts <paramref name="command"/> (a shell command line) in <paramref name="directory"/>; it prints the exit marker when it ends.</summary>
    public async Task StartAsync(string directory, string command)
    {
        var (code, error) = await RunAsync("-f", "/dev/null", "new-session", "-d", "-x", "160", "-y", "50", "-c", directory,
            $"{command}; echo {ExitMarker}$?; sleep 600");
        Assert.True(code == 0, $"tmux could not start (is it installed? .ci/run installs it): {error}");
    }

    /// <summary>The screen as it is now.</summary>
    public async Task<string> ScreenAsync() => (await RunAsync("capture-pane", "-p")).Output;

    /// <summary>Types keys into the terminal (tmux key names, e.g. <c>C-c</c>).</summary>
    public Task SendKeysAsync(string keys) => RunAsync("send-keys", keys);

    /// <summary>
    /// Polls the screen until the command has ended (or <paramref name="limit"/> passed); returns the first screen that
    /// satisfied <paramref name="seen"/> (null if none did) and the last screen.
    /// </summary>
    public async Task<(string? Seen, string Last)> WatchAsync(Func<string, bool>? seen = null, TimeSpan? limit = null)
    {
        string? match = null;
        string screen = "";
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < (limit ?? TimeSpan.FromMinutes(3)))
        {
            screen = await ScreenAsync();
            if (match is null && seen?.Invoke(screen) == true)
            {
                match = screen;
            }

            if (screen.Contains(ExitMarker, StringComparison.Ordinal))
            {
                break;
            }

            await Task.Delay(100);
        }

        return (match, screen);
    }

    public async ValueTask DisposeAsync() => await RunAsync("kill-server");

    public static int Count(string text, string value)
    {
        int count = 0;
        for (int i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        var psi = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("-L");
        psi.ArgumentList.Add(_socket);
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
