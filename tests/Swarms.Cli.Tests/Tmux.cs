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

    /// <summary>
    /// Types <paramref name="command"/> (a shell command line) into an interactive shell in <paramref name="directory"/>, as a
    /// user would; it prints the exit marker when it ends. Ctrl+C then reaches the command alone, not the shell.
    /// </summary>
    public async Task StartAsync(string directory, string command)
    {
        var (code, error) = await RunAsync("-f", "/dev/null", "new-session", "-d", "-x", "160", "-y", "50", "-c", directory,
            "env PS1='$ ' bash --norc --noprofile -i");
        Assert.True(code == 0, $"tmux could not start (is it installed? .ci/run installs it): {error}");
        await RunAsync("send-keys", "-l", $"clear; {command}; echo {ExitMarker}$?");
        await RunAsync("send-keys", "Enter");
    }

    /// <summary>The screen as it is now.</summary>
    public async Task<string> ScreenAsync() => (await RunAsync("capture-pane", "-p")).Output;

    /// <summary>The screen and everything that scrolled off its top.</summary>
    public async Task<string> HistoryAsync() => (await RunAsync("capture-pane", "-p", "-S", "-")).Output;

    /// <summary>Types keys into the terminal (tmux key names, e.g. <c>C-c</c>).</summary>
    public Task SendKeysAsync(string keys) => RunAsync("send-keys", keys);

    /// <summary>
    /// Polls the screen until the command has ended (or <paramref name="limit"/> passed); returns the first screen that
    /// satisfied <paramref name="seen"/> (null if none did) and the last screen.
    /// </summary>
    /// <param name="seen">The screen looked for.</param>
    /// <param name="limit">How long to watch at most.</param>
    /// <param name="untilSeen">Return as soon as <paramref name="seen"/> matched, while the command still runs.</param>
    public async Task<(string? Seen, string Last)> WatchAsync(Func<string, bool>? seen = null, TimeSpan? limit = null, bool untilSeen = false)
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

            if (Exited(screen) || (untilSeen && match is not null))
            {
                break;
            }

            await Task.Delay(100);
        }

        return (match, screen);
    }

    public async ValueTask DisposeAsync() => await RunAsync("kill-server");

    /// <summary>True once the command printed its exit code (the typed command line shows the marker followed by <c>$?</c>).</summary>
    public static bool Exited(string screen) => System.Text.RegularExpressions.Regex.IsMatch(screen, ExitMarker + @"\d");

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
