using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Swarms.SignalR.Tests.Fakes;

/// <summary>
/// A local server playing Azure SignalR Service (Kestrel on 127.0.0.1, a free port): the data-plane REST API
/// (<c>/api/hubs/{hub}/groups/{group}/:send</c>, group membership, <c>/api/health</c>), the temporary access key
/// endpoint for Microsoft Entra auth (<c>/api/v1/auth/accessKey</c>), the client endpoint (<c>/client</c>, a real
/// SignalR hub behind the service's token check), and an App Service managed identity endpoint (<c>/msi/token</c>)
/// for Azure.Identity. Every REST call is checked (path, <c>api-version</c>, bearer token: signature, <c>aud</c>,
/// issuer, expiry; body shape) and recorded with what the checks found; invalid calls are refused as the service
/// would (401 for the token, 400 otherwise). Valid calls then get the next scripted <see cref="FakeBehavior"/>.
/// </summary>
public sealed partial class FakeSignalRService : IAsyncDisposable
{
    public const string ApiVersion = "2022-06-01";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeBehavior> _script = new();
    private readonly ConcurrentQueue<RecordedCall> _calls = new();
    private readonly ConcurrentQueue<DeliveredMessage> _delivered = new();
    private readonly ConcurrentQueue<ValidatedToken> _clientTokens = new();
    private readonly ConcurrentQueue<string> _clientTokenProblems = new();

    private FakeSignalRService(WebApplication app, TimeProvider clock)
    {
        _app = app;
        Clock = clock;
        Port = new Uri(app.Urls.Single()).Port;
        Connections = app.Services.GetRequiredService<ConnectionRegistry>();
        Hub = app.Services.GetRequiredService<IHubContext<ClientHub>>();
    }

    /// <summary>The port it listens on (127.0.0.1).</summary>
    public int Port { get; }

    /// <summary><c>http://127.0.0.1:{port}</c>.</summary>
    public string Endpoint => $"http://127.0.0.1:{Port}";

    /// <summary>The clock tokens are checked against.</summary>
    public TimeProvider Clock { get; }

    /// <summary>The access key REST and client tokens must be signed with (local auth).</summary>
    public string? AccessKey { get; set; }

    /// <summary>The answer given when no scripted one is queued.</summary>
    public FakeBehavior DefaultBehavior { get; set; } = FakeBehavior.Normal;

    /// <summary>When set, adding an unknown connection to a group answers 404, as the service does.</summary>
    public bool RequireKnownConnections { get; set; }

    /// <summary>Connections of the hub at <c>/client</c>.</summary>
    public ConnectionRegistry Connections { get; }

    /// <summary>The hub at <c>/client</c>, to which valid sends and group changes are applied.</summary>
    public IHubContext<ClientHub> Hub { get; }

    /// <summary>REST calls received (including refused ones), in order.</summary>
    public IReadOnlyList<RecordedCall> Calls => [.. _calls];

    /// <summary>The sends received, in order.</summary>
    public IReadOnlyList<RecordedCall> Sends => [.. _calls.Where(c => c.RawPath.EndsWith("/:send", StringComparison.Ordinal))];

    /// <summary>Sends that were valid and accepted (202), in the order they were accepted.</summary>
    public IReadOnlyList<DeliveredMessage> Delivered => [.. _delivered];

    /// <summary>The arguments accepted for <paramref name="group"/>, in order.</summary>
    public IReadOnlyList<string> DeliveredTo(string group) => [.. _delivered.Where(d => d.Group == group).Select(d => d.Argument)];

    /// <summary>Tokens presented at the client endpoint that passed the checks.</summary>
    public IReadOnlyList<ValidatedToken> ClientTokens => [.. _clientTokens];

    /// <summary>Why tokens presented at the client endpoint were refused.</summary>
    public IReadOnlyList<string> ClientTokenProblems => [.. _clientTokenProblems];

    /// <summary>Starts a service on a free loopback port.</summary>
    public static async Task<FakeSignalRService> StartAsync(TimeProvider? clock = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSignalR();
        builder.Services.AddSingleton<ConnectionRegistry>();
        var app = builder.Build();
        FakeSignalRService? service = null;
        app.Use((context, next) => service!.RouteAsync(context, next));
        app.MapHub<ClientHub>("/client");
        await app.StartAsync();
        service = new FakeSignalRService(app, clock ?? TimeProvider.System);
        return service;
    }

    /// <summary>Queues answers for the next valid REST calls, in order.</summary>
    public FakeSignalRService Enqueue(params FakeBehavior[] behaviors)
    {
        foreach (var behavior in behaviors)
        {
            _script.Enqueue(behavior);
        }

        return this;
    }

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
    }

    private Task RouteAsync(HttpContext context, RequestDelegate next)
    {
        var rawTarget = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        var queryStart = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var rawPath = queryStart < 0 ? rawTarget : rawTarget[..queryStart];
        var query = queryStart < 0 ? "" : rawTarget[queryStart..];
        if (rawPath.StartsWith("/api/hubs/", StringComparison.Ordinal) || rawPath == "/api/health")
        {
            return HandleRestAsync(context, rawPath, query);
        }

        if (rawPath == "/api/v1/auth/accessKey")
        {
            return HandleAccessKeyAsync(context);
        }

        if (rawPath == "/msi/token")
        {
            return HandleManagedIdentityAsync(context);
        }

        if (rawPath == "/client" || rawPath.StartsWith("/client/", StringComparison.Ordinal))
        {
            return HandleClientAsync(context, next);
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}
