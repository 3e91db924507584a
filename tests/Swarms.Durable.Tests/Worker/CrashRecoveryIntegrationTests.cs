using System.Diagnostics;
using Swarms.Durable.Tests.Infrastructure;

namespace Swarms.Durable.Tests.Worker;

/// <summary>Runs the engine in real child processes (tests/Swarms.Durable.Tests/CrashHost) and kills one.</summary>
public sealed class CrashRecoveryIntegrationTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"swarms-crash-{Guid.NewGuid():N}");

    public CrashRecoveryIntegrationTests() => Directory.CreateDirectory(_directory);

    [Fact]
    public async Task Worker_ProcessKilledDuringActivity3_SecondProcessCompletesWithoutRerunningFinishedActivities()
    {
        var database = Path.Combine(_directory, "crash.db");
        using (var first = StartHost("start", database))
        {
            await DurableTestHost.WaitUntilAsync(
                () => Task.FromResult(File.Exists(Path.Combine(_directory, "step3.running")) || first.HasExited),
                "activity 3 runs in the first process");
            if (first.HasExited)
            {
                Assert.Fail($"The first process exited early: {await first.StandardError.ReadToEndAsync()}");
            }

            first.Kill(); // SIGKILL: no shutdown code runs, leases are left to expire.
            await first.WaitForExitAsync();
        }

        using var second = StartHost("resume", database);
        using var guard = new CancellationTokenSource(DurableTestHost.HangGuard);
        var output = await second.StandardOutput.ReadToEndAsync(guard.Token);
        await second.WaitForExitAsync(guard.Token);

        Assert.True(second.ExitCode == 0, await second.StandardError.ReadToEndAsync(guard.Token));
        Assert.Equal("Completed r1,r2,r3,r4,r5", output.Trim());
        Assert.Equal(["attempt 1"], ReadSideEffects(1));
        Assert.Equal(["attempt 1"], ReadSideEffects(2));
        Assert.Equal(["attempt 1", "attempt 2"], ReadSideEffects(3));
        Assert.Equal(["attempt 1"], ReadSideEffects(4));
        Assert.Equal(["attempt 1"], ReadSideEffects(5));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string[] ReadSideEffects(int step)
    {
        var path = Path.Combine(_directory, $"step{step}.txt");
        return File.Exists(path) ? File.ReadAllLines(path) : [];
    }

    private Process StartHost(string mode, string database)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { CrashHostPath(), mode, database, _directory })
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info)!;
    }

    private static string CrashHostPath()
    {
        // bin/<Configuration>/<tfm>/ of the tests -> CrashHost/bin/<Configuration>/<tfm>/ (built by the ProjectReference).
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = output.Parent!.Name;
        var project = output.Parent.Parent!.Parent!.FullName;
        var path = Path.Combine(project, "CrashHost", "bin", configuration, output.Name, "Swarms.Durable.CrashHost.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the test project first; the crash host is missing.", path);
    }
}
