using System.Diagnostics;

namespace Swarms.Testing;

/// <summary>
/// Azurite, the Azure Storage emulator, started from the repository's npm tools (<c>tools/node_modules</c>, installed
/// by <c>.ci/run</c> or <c>npm ci --prefix tools</c>) on free ports, in memory, and stopped on dispose.
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;
    private readonly string _location;

    private AzuriteServer(Process process, string location, int blob, int queue, int table)
    {
        _process = process;
        _location = location;
        ConnectionString =
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;" +
            $"TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;";
    }

    /// <summary>The connection string of this Azurite.</summary>
    public string ConnectionString { get; }

    /// <summary>The Azurite launcher in the repository's npm tools.</summary>
    public static string Launcher => Path.Combine(RepoPaths.Root, "tools", "node_modules", "azurite", "dist", "src", "azurite.js");

    /// <summary>
    /// Starts Azurite and waits until its three services listen. A free port can be taken by another process between
    /// choosing it and Azurite binding it (test projects run in parallel), and Azurite then exits: it is started again
    /// on other ports, up to three times.
    /// </summary>
    public static async Task<AzuriteServer> StartAsync()
    {
        await EnsureInstalledAsync().ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnFreePortsAsync().ConfigureAwait(false);
            }
            catch (AzuriteExitedException) when (attempt < 3)
            {
            }
        }
    }

    private static async Task<AzuriteServer> StartOnFreePortsAsync()
    {
        int blob = FreePort.Next(), queue = FreePort.Next(), table = FreePort.Next();
        var location = Path.Combine(Path.GetTempPath(), $"azurite-{Guid.NewGuid():N}");
        Directory.CreateDirectory(location);
        var info = new ProcessStartInfo("node")
        {
            UseShellExecute = false,
            WorkingDirectory = location,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[]
        {
            Launcher, "--silent", "--inMemoryPersistence", "--skipApiVersionCheck", "--loose", "--disableProductStyleUrl",
            "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
            "--blobPort", blob.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--queuePort", queue.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tablePort", table.ToString(System.Globalization.CultureInfo.InvariantCulture),
        })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("Azurite did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new AzuriteServer(process, location, blob, queue, table);
        try
        {
            await Wait.UntilAsync(
                () => process.HasExited ? throw new AzuriteExitedException(process.ExitCode) : FreePort.IsListening(blob) && FreePort.IsListening(queue) && FreePort.IsListening(table),
                "Azurite listens",
                TimeSpan.FromSeconds(60)).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Installs Azurite into tools/node_modules (<c>npm ci --prefix tools</c>, exactly as locked) when it is missing, so
    /// <c>dotnet test</c> works on a fresh clone with Node.js; a lock file keeps parallel test processes from
    /// installing at once.
    /// </summary>
    public static async Task EnsureInstalledAsync()
    {
        if (File.Exists(Launcher))
        {
            return;
        }

        var tools = Path.Combine(RepoPaths.Root, "tools");
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(10);
        while (true)
        {
            try
            {
                using var gate = new FileStream(Path.Combine(tools, ".install.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                if (File.Exists(Launcher))
                {
                    return;
                }

                var info = new ProcessStartInfo("npm") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
                foreach (var arg in new[] { "ci", "--prefix", tools, "--no-audit", "--no-fund", "--loglevel=error" })
                {
                    info.ArgumentList.Add(arg);
                }

                using var npm = Process.Start(info) ?? throw new InvalidOperationException("npm did not start.");
                var errors = npm.StandardError.ReadToEndAsync();
                await npm.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
                await npm.WaitForExitAsync().ConfigureAwait(false);
                if (npm.ExitCode != 0 || !File.Exists(Launcher))
                {
                    throw new InvalidOperationException($"`npm ci --prefix tools` failed ({npm.ExitCode}): {await errors.ConfigureAwait(false)}");
                }

                return;
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(500).ConfigureAwait(false); // another process is installing
            }
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_location, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Azurite exited before it listened (most often: one of its ports was taken meanwhile).</summary>
internal sealed class AzuriteExitedException(int exitCode) : InvalidOperationException($"Azurite exited ({exitCode}).");
