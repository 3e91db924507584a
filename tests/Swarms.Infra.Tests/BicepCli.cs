using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace Swarms.Infra.Tests;

/// <summary>
/// Runs the Bicep CLI restored from NuGet (Azure.Bicep.CommandLine.linux-x64, pinned in Directory.Packages.props).
/// <c>BICEP_PATH</c> points at another bicep binary instead (the package is linux-x64 only: macOS and Windows
/// developers set it to their own install). Bicep needs no Azure access to build or lint: types are built in.
/// </summary>
internal static partial class BicepCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>What one run printed. Bicep exits 0 on warnings, so callers assert on <see cref="Diagnostics"/>.</summary>
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        /// <summary>Every diagnostic line: <c>file(line,col) : Warning rule: message</c> (or Error, Info).</summary>
        public IReadOnlyList<string> Diagnostics { get; } =
            $"{Output}\n{Error}".Split('\n').Select(l => l.Trim()).Where(l => DiagnosticLine().IsMatch(l)).ToList();

        public string Describe() => $"bicep exited {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
    }

    public static string ExecutablePath { get; } = Locate();

    public static async Task<Result> RunAsync(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(ExecutablePath)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{ExecutablePath} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', args)} ran longer than {Timeout}");
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }

    private static string Locate()
    {
        var path = Environment.GetEnvironmentVariable("BICEP_PATH");
        if (string.IsNullOrEmpty(path))
        {
            path = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .SingleOrDefault(a => a.Key == "BicepPath")?.Value;
        }

        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            throw new FileNotFoundException(
                $"No bicep binary at '{path}': restore tests/Swarms.Infra.Tests (package Azure.Bicep.CommandLine.linux-x64) or set BICEP_PATH.");
        }

        // NuGet extracts files with the mode the package recorded; make sure the owner may run it.
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            if (!mode.HasFlag(UnixFileMode.UserExecute))
            {
                File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            }
        }

        return path;
    }

    [GeneratedRegex(@"\(\d+,\d+\) : (Error|Warning|Info) ")]
    private static partial Regex DiagnosticLine();
}
