using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Azure.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Swarms.Host.Live;
using Swarms.Host.Tests.Support;
using Swarms.Orchestration.Publishing;

namespace Swarms.Host.Tests.Live;

/// <summary>
/// <c>Azure:SignalR:ConnectionString</c> switches the local host's hub to Azure SignalR Service (Microsoft.Azure.SignalR,
/// app-server mode); without it the hub is in process. The hosts are built, not started (no service to reach).
/// </summary>
public sealed class AzureSignalRSwitchTests : IDisposable
{
    private readonly string _root = TestSwarms.NewContentRoot();

    private const string ConnectionString = "Endpoint=https://swarms-test.service.signalr.net;AccessKey=ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGH;Version=1.0;";

    [Fact]
    public async Task Build_ConnectionStringSet_HubGoesThroughAzureSignalRService()
    {
        await using var app = Build(new() { [LiveHosting.AzureConnectionString] = ConnectionString });

        var options = app.Services.GetRequiredService<IOptions<ServiceOptions>>().Value;
        Assert.Equal(ConnectionString, options.ConnectionString);
        Assert.NotEmpty(app.Services.GetServices<IConfigureOptions<ServiceOptions>>());
        // The hub context the publisher sends through is the SDK's (its lifetime manager forwards to the service).
        var lifetime = app.Services.GetRequiredService<HubLifetimeManager<SwarmsHub>>();
        Assert.StartsWith("Microsoft.Azure.SignalR", lifetime.GetType().FullName, StringComparison.Ordinal);
        Assert.Contains(app.Services.GetServices<IRunEventPublisher>(), p => p is HubRunEventPublisher);
    }

    [Fact]
    public async Task Build_NoConnectionString_InProcessHub()
    {
        await using var app = Build([]);

        Assert.Empty(app.Services.GetServices<IConfigureOptions<ServiceOptions>>());
        var lifetime = app.Services.GetRequiredService<HubLifetimeManager<SwarmsHub>>();
        Assert.IsType<DefaultHubLifetimeManager<SwarmsHub>>(lifetime);
        Assert.Contains(app.Services.GetServices<IRunEventPublisher>(), p => p is HubRunEventPublisher);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private WebApplication Build(Dictionary<string, string> settings) =>
        SwarmsHost.Build([.. settings.Select(kv => $"--{kv.Key}={kv.Value}"), "--urls", "http://127.0.0.1:0"], _root);
}
