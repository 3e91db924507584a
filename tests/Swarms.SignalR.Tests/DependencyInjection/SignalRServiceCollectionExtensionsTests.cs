using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Swarms.SignalR.Tests.Fakes;
using Swarms.SignalR.Tests.Support;

namespace Swarms.SignalR.Tests.DependencyInjection;

public sealed class SignalRServiceCollectionExtensionsTests : IAsyncLifetime
{
    private FakeSignalRService _service = null!;

    public async Task InitializeAsync()
    {
        _service = await FakeSignalRService.StartAsync();
        _service.AccessKey = TestSettings.AccessKey;
    }

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task AddAzureSignalRRest_FromTheSetting_ClientAndPublisherAreSingletonsOverTheFactory()
    {
        using var host = Host(TestSettings.KeyConnectionString(_service));
        await host.StartAsync();

        var client = host.Services.GetRequiredService<SignalRRestClient>();
        var publisher = host.Services.GetRequiredService<SignalRPublisher>();
        await client.AddConnectionToGroupAsync("run-1", "c1");

        Assert.Same(client, host.Services.GetRequiredService<SignalRRestClient>());
        Assert.Same(publisher, host.Services.GetRequiredService<SignalRPublisher>());
        Assert.Equal("swarms", client.HubName);
        Assert.Empty(Assert.Single(_service.Calls).Problems);
        await host.StopAsync();
    }

    [Fact]
    public async Task AddAzureSignalRRest_HostStops_PublisherFlushedFirst()
    {
        using var host = Host(TestSettings.KeyConnectionString(_service));
        await host.StartAsync();
        var publisher = host.Services.GetRequiredService<SignalRPublisher>();
        for (var seq = 0; seq < 10; seq++)
        {
            publisher.Publish("run-1", "events", seq);
        }

        await host.StopAsync();

        Assert.Equal(10, _service.DeliveredTo("run-1").Count);
        Assert.Equal(10, publisher.Counters.Sent);
        // Stopped: later messages are dropped, not sent.
        publisher.Publish("run-1", "events", 99);
        Assert.Equal(1, publisher.Counters.Dropped);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AddAzureSignalRRest_ContainerDisposedWithoutAHost_PublisherStillFlushes(bool disposeAsync)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["AzureSignalRConnectionString"] = TestSettings.KeyConnectionString(_service) })
            .Build();
        var logger = new CapturingLogger();
        var provider = new ServiceCollection()
            .AddLogging(b => b.AddProvider(new CapturingLoggerProvider(logger)))
            .AddAzureSignalRRest(configuration)
            .BuildServiceProvider();
        var publisher = provider.GetRequiredService<SignalRPublisher>();
        publisher.Publish("run-1", "events", 1);
        publisher.Publish("run-1", "events", 2);

        if (disposeAsync)
        {
            await provider.DisposeAsync();
        }
        else
        {
            provider.Dispose();
        }

        // The container refuses to create HttpClients once disposal began; the publisher still sends with the last one.
        Assert.Equal(["1", "2"], _service.DeliveredTo("run-1"));
        Assert.DoesNotContain(logger.Entries, e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task AddAzureSignalRRest_Configure_AppliedAfterTheSetting()
    {
        using var host = Host(TestSettings.KeyConnectionString(_service), o => o.HubName = "Other");
        await host.StartAsync();

        await host.Services.GetRequiredService<SignalRRestClient>().SendToGroupAsync("g", "events", [1]);

        Assert.Equal("/api/hubs/other/groups/g/:send", Assert.Single(_service.Calls).RawPath);
        await host.StopAsync();
    }

    [Fact]
    public async Task AddAzureSignalRRest_SettingMissing_HostStartFailsNamingIt()
    {
        using var host = Host(connectionString: null);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => host.StartAsync());

        Assert.Contains("AzureSignalRConnectionString", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddAzureSignalRRest_SettingMalformed_HostStartFailsWithoutTheKey()
    {
        using var host = Host($"Endpoint=not-a-uri;AccessKey={TestSettings.AccessKey}");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => host.StartAsync());

        Assert.Contains("Endpoint must be an absolute", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(TestSettings.AccessKey, error.ToString(), StringComparison.Ordinal);
    }

    private static IHost Host(string? connectionString, Action<SignalRRestOptions>? configure = null)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["AzureSignalRConnectionString"] = connectionString });
        builder.Services.AddAzureSignalRRest(builder.Configuration, configure);
        return builder.Build();
    }
}
