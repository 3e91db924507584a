using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Swarms.Agents.DependencyInjection;
using Swarms.Agents.Models;
using Swarms.Agents.Workflows.Definitions;
using Swarms.Durable.Hosting;
using Swarms.Orchestration.DependencyInjection;
using Swarms.Orchestration.Publishing;
using Swarms.Orchestration.RunLog;
using Swarms.Testing;

namespace Swarms.Orchestration.Tests.Support;

/// <summary>
/// A local host as the CLI builds one: the real Durable Task worker (Swarms.Durable) on a SQLite file, the swarm
/// orchestrator and activities, the run log in the same file, agents on a configured model, and a recording publisher.
/// </summary>
internal sealed class SwarmHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly TempDatabase? _database;

    private SwarmHost(IHost host, TempDatabase? database, RecordingPublisher published)
    {
        _host = host;
        _database = database;
        Published = published;
    }

    public DurableTaskClient Client => _host.Services.GetRequiredService<DurableTaskClient>();

    public IRunLog Log => _host.Services.GetRequiredService<IRunLog>();

    public RecordingPublisher Published { get; }

    public IServiceProvider Services => _host.Services;

    /// <summary>Starts a host on a fresh SQLite file (or <paramref name="store"/>), the local model at full speed unless <paramref name="model"/> says otherwise.</summary>
    public static async Task<SwarmHost> StartAsync(
        Action<ModelSettings>? model = null, string? store = null, Action<SwarmsDurableOptions>? durable = null,
        Action<SwarmsOrchestrationOptions>? orchestration = null)
    {
        var database = store is null ? new TempDatabase("swarms-orch") : null;
        var path = store ?? database!.Path;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSwarmsAgents(s =>
        {
            s.Provider = "local";
            s.LocalTokensPerSecond = 0;
            model?.Invoke(s);
        });
        var published = new RecordingPublisher();
        builder.Services.AddSwarmsOrchestration(o =>
        {
            o.UseSqliteRunLog(path);
            orchestration?.Invoke(o);
        }).AddPublisher(published);
        builder.Services.AddSwarmsDurable(o =>
        {
            o.UseSqlite(path, s => s.PollingInterval = TimeSpan.FromMilliseconds(50));
            durable?.Invoke(o);
        }).AddTasks(r => r.AddSwarmOrchestrations());
        var host = builder.Build();
        await host.StartAsync();
        return new SwarmHost(host, database, published);
    }

    /// <summary>Schedules a run of <paramref name="definition"/> and returns its id.</summary>
    public Task<string> StartRunAsync(SwarmDefinition definition, string task, string? runId = null) =>
        Client.ScheduleNewOrchestrationInstanceAsync(
            SwarmRunOrchestrator.Name, SwarmRunRequest.Create(definition, task), new StartOrchestrationOptions { InstanceId = runId ?? Guid.NewGuid().ToString("n") });

    /// <summary>Waits for the run to end and returns its metadata (inputs and outputs).</summary>
    public async Task<OrchestrationMetadata> WaitAsync(string runId)
    {
        using var guard = new CancellationTokenSource(Wait.HangGuard);
        return await Client.WaitForInstanceCompletionAsync(runId, getInputsAndOutputs: true, guard.Token);
    }

    /// <summary>Runs the swarm to its end and returns its result.</summary>
    public async Task<SwarmRunResult> RunAsync(SwarmDefinition definition, string task, string? runId = null)
    {
        var id = await StartRunAsync(definition, task, runId);
        var done = await WaitAsync(id);
        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"run {id} ended {done.RuntimeStatus}: {done.FailureDetails?.ErrorMessage}");
        return done.ReadOutputAs<SwarmRunResult>()!;
    }

    /// <summary>Every event the log holds for the run.</summary>
    public Task<IReadOnlyList<Swarms.Agents.Streaming.SwarmEvent>> EventsAsync(string runId) => Log.ReadAsync(runId, 0, 100_000);

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        _database?.Dispose();
    }
}
