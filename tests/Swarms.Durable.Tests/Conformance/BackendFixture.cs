using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Swarms.Durable.Hosting;
using Swarms.Testing;

namespace Swarms.Durable.Tests.Conformance;

/// <summary>A host running the conformance tasks on one backend, shared by the tests of one backend's class.</summary>
public abstract class BackendFixture : IAsyncLifetime
{
    private IHost? _host;

    public DurableTaskClient Client => _host!.Services.GetRequiredService<DurableTaskClient>();

    /// <summary>What the worker and the orchestrations logged.</summary>
    public CapturingLoggerProvider Logs { get; } = new();

    public IServiceProvider Services => _host!.Services;

    public async Task InitializeAsync()
    {
        await BeforeStartAsync();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(Logs);
        builder.Services.AddSingleton<Greeter>();
        builder.Services.AddSwarmsDurable(Configure).AddTasks(ConformanceTasks.Register);
        _host = builder.Build();
        await _host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }

        await AfterStopAsync();
    }

    /// <summary>Runs an orchestration to its end (hang-guarded).</summary>
    public async Task<OrchestrationMetadata> RunAsync(string name, object? input = null, string? instanceId = null)
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(name, input, new Microsoft.DurableTask.StartOrchestrationOptions { InstanceId = instanceId ?? NewId() });
        return await WaitAsync(id);
    }

    public async Task<OrchestrationMetadata> WaitAsync(string instanceId)
    {
        using var guard = new CancellationTokenSource(Wait.HangGuard);
        return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, guard.Token);
    }

    public Task WaitForStatusAsync(string instanceId, OrchestrationRuntimeStatus status) =>
        Wait.UntilAsync(async () => (await Client.GetInstanceAsync(instanceId))?.RuntimeStatus == status, $"{instanceId} is {status}");

    public static string NewId() => Guid.NewGuid().ToString("N");

    /// <summary>
    /// How early a timer or a delayed start may fire: queue visibility timeouts are whole seconds in Azure Storage,
    /// so DurableTask.AzureStorage can deliver a timer up to a second before its time; the SQLite backend is exact.
    /// </summary>
    public virtual TimeSpan TimerTolerance => TimeSpan.Zero;

    protected abstract void Configure(SwarmsDurableOptions options);

    protected virtual Task BeforeStartAsync() => Task.CompletedTask;

    protected virtual Task AfterStopAsync() => Task.CompletedTask;
}

/// <summary>The in-memory backend.</summary>
public sealed class InMemoryFixture : BackendFixture
{
    protected override void Configure(SwarmsDurableOptions options) =>
        options.UseInMemory(o => o.SessionIdleTimeout = TimeSpan.FromMilliseconds(500));
}

/// <summary>The SQLite backend on a temporary file.</summary>
public sealed class SqliteFixture : BackendFixture
{
    private readonly TempDatabase _database = new("swarms-conformance");

    protected override void Configure(SwarmsDurableOptions options) =>
        options.UseSqlite(_database.Path, o => o.SessionIdleTimeout = TimeSpan.FromMilliseconds(500));

    protected override Task AfterStopAsync()
    {
        _database.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>The Azure Storage backend on an Azurite the fixture starts on free ports.</summary>
public sealed class AzuriteFixture : BackendFixture
{
    private AzuriteServer? _azurite;

    public override TimeSpan TimerTolerance => TimeSpan.FromSeconds(1);

    protected override async Task BeforeStartAsync() => _azurite = await AzuriteServer.StartAsync();

    protected override void Configure(SwarmsDurableOptions options) =>
        options.UseAzureStorage(_azurite!.ConnectionString, "conformance", o =>
        {
            o.PartitionCount = 2;
            o.LeaseAcquireInterval = TimeSpan.FromSeconds(1);
            o.LeaseRenewInterval = TimeSpan.FromSeconds(2);
            o.MaxQueuePollingInterval = TimeSpan.FromMilliseconds(200);
            o.Configure = s => s.ExtendedSessionIdleTimeout = TimeSpan.FromSeconds(1);
        });

    protected override async Task AfterStopAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}
