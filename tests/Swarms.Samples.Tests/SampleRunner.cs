using System.Diagnostics;
using System.Text;

namespace Swarms.Samples.Tests;

/// <summary>Runs a built sample (<c>dotnet samples/X/bin/{Configuration}/net10.0/X.dll</c>) on the local model.</summary>
internal static class SampleRunner
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);

    // Settings that would send a sample to a real provider: removed so every sample runs on the offline model.
    private static readonly string[] ProviderVariables =
    [
        "SWARMS_MODEL_PROVIDER", "SWARMS_MODEL", "AZURE_OPENAI_ENDPOINT", "AZURE_OPENAI_DEPLOYMENT", "AZURE_OPENAI_API_KEY",
        "OPENAI_BASE_URL", "OPENAI_API_KEY", "OPENAI_MODEL",
    ];

    public static string RepositoryRoot { get; } = FindRoot();

    public sealed record Result(int ExitCode, string Output, string Error, string WorkingDirectory);

    /// <summary>Runs the sample in a fresh working directory with stdout and stderr captured.</summary>
    public static async Task<Result> RunAsync(string sample, params string[] args)
    {
        var dll = FindDll(sample);
        var workDir = Directory.CreateTempSubdirectory($"swarms-sample-{sample}-").FullName;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in ProviderVariables)
        {
            start.Environment.Remove(name);
        }

        start.Environment["SWARMS_LOCAL_TOKENS_PER_SECOND"] = "0";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        process.StandardInput.Close();
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
            throw new TimeoutException($"Sample {sample} did not finish within {Timeout.TotalSeconds} s. Output so far:\n{await stdout}");
        }

        return new Result(process.ExitCode, (await stdout).ReplaceLineEndings("\n"), await stderr, workDir);
    }

    /// <summary>The sample's dll built in the same configuration as these tests (Debug or Release), else the newest.</summary>
    internal static string FindDll(string sample)
    {
        var bin = Path.Combine(RepositoryRoot, "samples", sample, "bin");
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release" : "Debug";
        var preferred = Path.Combine(bin, configuration, "net10.0", sample + ".dll");
        if (File.Exists(preferred))
        {
            return preferred;
        }

        var any = Directory.Exists(bin)
            ? Directory.EnumerateFiles(bin, sample + ".dll", SearchOption.AllDirectories).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
            : null;
        return any ?? throw new FileNotFoundException($"Sample {sample} is not built: {preferred} does not exist. Build tests/Swarms.Samples.Tests first.");
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Swarms.Functions.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Swarms.Functions.sln not found above " + AppContext.BaseDirectory);
    }
}
