using System.Collections.Concurrent;
using System.Diagnostics;

namespace Swarms.Testing;

/// <summary>
/// A .NET program run as a real child process (<c>dotnet app.dll args</c>), its output lines collected, killable
/// with SIGKILL (<see cref="Kill"/>: no finally block, no shutdown hook runs, locks are left to expire).
/// </summary>
public sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<string> _errors = new();

    private ChildProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _errors.Enqueue(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>Whether it exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Its exit code (after exit).</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Standard output so far, one entry a line.</summary>
    public IReadOnlyList<string> Lines => [.. _lines];

    /// <summary>Standard error so far.</summary>
    public string Errors => string.Join('\n', _errors);

    /// <summary>
    /// Waits until this process, a web host, answers 200 on <paramref name="path"/> through <paramref name="http"/>;
    /// fails at once, with its standard error, if it exits first.
    /// </summary>
    public Task WaitUntilHealthyAsync(HttpClient http, string path = "api/health")
    {
        ArgumentNullException.ThrowIfNull(http);
        return Wait.UntilAsync(async () =>
        {
            if (HasExited)
            {
                throw new InvalidOperationException($"the process exited ({ExitCode}): {Errors}\n{string.Join('\n', Lines)}");
            }

            try
            {
                using var response = await http.GetAsync(path).ConfigureAwait(false);
                return response.StatusCode == System.Net.HttpStatusCode.OK;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, $"the process answers /{path}");
    }

    /// <summary>Starts <c>dotnet <paramref name="assemblyPath"/> <paramref name="args"/></c>.</summary>
    public static ChildProcess StartDotnet(string assemblyPath, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        info.ArgumentList.Add(assemblyPath);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        return new ChildProcess(Process.Start(info) ?? throw new InvalidOperationException("The child process did not start."));
    }

    /// <summary>Waits until a line of standard output satisfies <paramref name="match"/>.</summary>
    public Task WaitForLineAsync(Func<string, bool> match, string what) =>
        Wait.UntilAsync(
            () => _lines.Any(match) || (_process.HasExited ? throw new InvalidOperationException($"The child exited ({_process.ExitCode}) before {what}: {Errors}") : false),
            what);

    /// <summary>SIGKILL.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }

        _process.WaitForExit();
    }

    /// <summary>Waits for the process to exit on its own.</summary>
    public async Task<int> WaitForExitAsync()
    {
        using var guard = new CancellationTokenSource(Wait.HangGuard);
        await _process.WaitForExitAsync(guard.Token).ConfigureAwait(false);
        _process.WaitForExit(); // drains the asynchronous output readers
        return _process.ExitCode;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }

        _process.Dispose();
    }
}
