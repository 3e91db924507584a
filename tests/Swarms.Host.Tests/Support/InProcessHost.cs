using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Swarms.Testing;

namespace Swarms.Host.Tests.Support;

/// <summary>
/// The local host built by <see cref="SwarmsHost.Build"/>, in this process, on real Kestrel at a free loopback port,
/// with a content root of its own (test swarms, optional host.json / local.settings.json) and settings passed as
/// command-line arguments, as a user would.
/// </summary>
internal sealed class InProcessHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InProcessHost(WebApplication app, string contentRoot, Uri baseAddress)
    {
        _app = app;
        ContentRoot = contentRoot;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public string ContentRoot { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts a host; <paramref name="settings"/> are <c>--KEY=value</c> arguments (SQLite in the content root unless storage is given).</summary>
    public static async Task<InProcessHost> StartAsync(IReadOnlyDictionary<string, string>? settings = null, Action<string>? prepare = null, Action<WebApplicationBuilder>? configure = null)
    {
        var root = TestSwarms.NewContentRoot();
        prepare?.Invoke(root);
        var port = FreePort.Next();
        var args = new List<string> { "--urls", $"http://127.0.0.1:{port}", "--Logging:LogLevel:Default=Warning", "--SWARMS_LOCAL_TOKENS_PER_SECOND=0" };
        args.AddRange((settings ?? new Dictionary<string, string>()).Select(kv => $"--{kv.Key}={kv.Value}"));
        var app = SwarmsHost.Build([.. args], root, configure);
        await app.StartAsync();
        return new InProcessHost(app, root, new Uri($"http://127.0.0.1:{port}/"));
    }

    /// <summary>Starts a run of a known swarm and returns its id.</summary>
    public async Task<string> StartRunAsync(string swarm, string task, string? runId = null)
    {
        using var response = await Client.PostAsJsonAsync($"api/swarms/{swarm}/runs", new { task, runId });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, body);
        return JsonNode.Parse(body)!["id"]!.GetValue<string>();
    }

    /// <summary>Polls the Durable status URL until the run is no longer running; returns the final status JSON.</summary>
    public async Task<JsonObject> WaitForRunAsync(string runId)
    {
        JsonObject? status = null;
        await Wait.UntilAsync(async () =>
        {
            using var response = await Client.GetAsync($"runtime/webhooks/durabletask/instances/{runId}");
            status = (JsonObject?)JsonNode.Parse(await response.Content.ReadAsStringAsync());
            return response.StatusCode == System.Net.HttpStatusCode.OK;
        }, $"run {runId} finishes");
        return status!;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(ContentRoot, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
