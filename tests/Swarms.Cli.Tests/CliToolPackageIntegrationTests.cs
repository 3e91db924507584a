using System.Diagnostics;

namespace Swarms.Cli.Tests;

/// <summary>
/// The <c>swarms</c> command as a user gets it: the CLI packed as a .NET tool, installed with <c>dotnet tool install</c>
/// into a folder of its own, and run from a directory that has nothing of this repository.
/// </summary>
public sealed class CliToolPackageIntegrationTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("swarms-tool-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task DotnetToolInstall_TheSwarmsCommandRunsTheShippedSwarmsAnywhere()
    {
        var repo = Repository.Root;
        var configuration = Repository.Configuration;
        var feed = Directory.CreateDirectory(Path.Combine(_root, "feed")).FullName;
        var tools = Path.Combine(_root, "tools");
        var work = Directory.CreateDirectory(Path.Combine(_root, "work")).FullName;
        // A version of its own and a package cache of its own: never an older build from the user's cache.
        var version = $"0.0.0-test.{DateTime.UtcNow:yyyyMMddHHmmssfff}";
        var env = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(_root, "packages"), ["SWARMS_LOCAL_TOKENS_PER_SECOND"] = "0" };

        var pack = await RunAsync("dotnet", repo, env, "pack", Path.Combine(repo, "src", "Swarms.Cli"), "-c", configuration, "--no-build", "-o", feed, $"-p:PackageVersion={version}");
        Assert.True(pack.Code == 0, pack.Output);
        // Only the local feed: the install needs no network.
        var config = Path.Combine(_root, "nuget.config");
        File.WriteAllText(config, $"""<?xml version="1.0" encoding="utf-8"?><configuration><packageSources><clear /><add key="local" value="{feed}" /></packageSources></configuration>""");
        var install = await RunAsync("dotnet", _root, env, "tool", "install", "--tool-path", tools, "--configfile", config, "--version", version, "Swarms.Cli");
        Assert.True(install.Code == 0, install.Output);

        var swarms = Path.Combine(tools, "swarms");
        var list = await RunAsync(swarms, work, env, "list");
        var run = await RunAsync(swarms, work, env, "run", "market-analysis", "Analyze TSLA", "--quiet");

        Assert.True(list.Code == 0, list.Output);
        Assert.Contains("market-analysis", list.Output, StringComparison.Ordinal);
        Assert.Contains("research-writer", list.Output, StringComparison.Ordinal);
        Assert.True(run.Code == 0, run.Output);
        Assert.StartsWith("## Technical-Analyst\n\n**Technical analysis: \"TSLA\"**", run.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output)> RunAsync(string file, string directory, Dictionary<string, string> env, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var (k, v) in env)
        {
            psi.Environment[k] = v;
        }

        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        return (process.ExitCode, await output + await error);
    }
}
