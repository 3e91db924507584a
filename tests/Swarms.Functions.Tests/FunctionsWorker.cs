using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Swarms.Durable.Hosting;
using Swarms.Functions.Orchestrations;
using Swarms.Orchestration;
using Swarms.Orchestration.Activities;
using Swarms.Orchestration.DependencyInjection;
using Swarms.Testing;

namespace Swarms.Functions.Tests;

/// <summary>
/// The Functions app's services (<see cref="FunctionsServices.AddSwarmsFunctions"/>) with a real Durable Task worker of
/// the project's own (SQLite) whose orchestrator and activities are the app's orchestration and activity functions,
/// called as the Functions host would call them. The local model streams at full speed.
/// </summary>
internal sealed class FunctionsWorker : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly TempDatabase _database;

    private FunctionsWorker(IHost host, TempDatabase database)
    {
        _host = host;
        _database = database;
    }

    public IServiceProvider Services => _host.Services;

    public DurableTaskClient Client => Services.GetRequiredService<DurableTaskClient>();

    public static async Task<FunctionsWorker> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var database = new TempDatabase("functions");
        var builder = Host.CreateApplicationBuilder();
        var values = new Dictionary<string, string?> { ["SWARMS_LOCAL_TOKENS_PER_SECOND"] = "0" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(values);
        builder.Services.AddSwarmsOrchestration(o => o.UseSqliteRunLog(database.Path));
        builder.Services.AddSwarmsFunctions(builder.Configuration);
        builder.Services.AddSingleton<SwarmOrchestrationFunctions>();
        IServiceProvider? provider = null;
        SwarmOrchestrationFunctions Functions() => provider!.GetRequiredService<SwarmOrchestrationFunctions>();
        builder.Services.AddSwarmsDurable(o => o.UseSqlite(database.Path)).AddTasks(r => r
            .AddOrchestratorFunc<SwarmRunRequest, SwarmRunResult>(SwarmRunOrchestrator.Name, (context, _) => SwarmOrchestrationFunctions.RunSwarmAsync(context))
            .AddActivityFunc<AgentTurnRequest, AgentTurnResult>(AgentTurnActivity.Name, (_, request) => Functions().AgentTurnAsync(request, CancellationToken.None))
            .AddActivityFunc<RunEventRequest, long>(RunEventActivity.Name, (_, request) => Functions().RunEventAsync(request, CancellationToken.None)));
        var host = builder.Build();
        provider = host.Services;
        await host.StartAsync();
        return new FunctionsWorker(host, database);
    }

    /// <summary>A real ASP.NET Core request as the Functions ASP.NET Core integration hands it to a function.</summary>
    public HttpContext Request(string method, string path, string? json = null)
    {
        var context = new DefaultHttpContext { RequestServices = Services };
        context.Request.Method = method;
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("swarms-app.azurewebsites.net");
        context.Request.Path = path;
        if (json is not null)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(json);
            context.Request.Body = new MemoryStream(bytes);
            context.Request.ContentLength = bytes.Length;
            context.Request.ContentType = "application/json";
        }

        context.Response.Body = new MemoryStream();
        return context;
    }

    /// <summary>Runs a function's result into the response and returns status, headers and body.</summary>
    public static async Task<(int Status, IHeaderDictionary Headers, string Body)> ExecuteAsync(IResult result, HttpContext context)
    {
        await result.ExecuteAsync(context);
        context.Response.Body.Position = 0;
        return (context.Response.StatusCode, context.Response.Headers, await new StreamReader(context.Response.Body).ReadToEndAsync());
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await _database.DisposeAsync();
    }
}
