using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Hosting;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Swarms.Durable.Hosting;

/// <summary>
/// The Durable Task SDK worker of this project: DurableTask.Core's <see cref="TaskHubWorker"/> running the SDK's
/// orchestrators and activities (through <see cref="DurableTaskShimFactory"/>, with failure details propagated as
/// the SDK expects) over the registered backend. Built by the SDK's worker builder; started and stopped by the host.
/// </summary>
internal sealed class SwarmsDurableWorker : DurableTaskWorker
{
    private readonly DurableBackend _backend;
    private readonly SwarmsDurableOptions _options;
    private readonly DurableTaskShimFactory _shims;
    private readonly IServiceProvider _services;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private TaskHubWorker? _worker;

    public SwarmsDurableWorker(
        string name,
        IDurableTaskFactory factory,
        DurableBackend backend,
        SwarmsDurableOptions options,
        IOptionsMonitor<DurableTaskWorkerOptions> workerOptions,
        IServiceProvider services,
        ILoggerFactory loggerFactory)
        : base(name, factory)
    {
        ArgumentNullException.ThrowIfNull(workerOptions);
        _backend = backend;
        _options = options;
        _services = services;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<SwarmsDurableWorker>();
        _shims = new DurableTaskShimFactory(workerOptions.Get(name), loggerFactory);
    }

    /// <summary>Starts the TaskHubWorker; returns once it polls for work.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await _backend.Service.CreateIfNotExistsAsync().ConfigureAwait(false);
        var worker = new TaskHubWorker(
            _backend.Service,
            new OrchestrationObjectManager(Factory, _services, _shims),
            new ActivityObjectManager(Factory, _services, _shims),
            _loggerFactory)
        {
            // The SDK's shims read failures from FailureDetails (TaskFailedException.FailureDetails, retry handlers).
            ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails,
        };
        worker.AddOrchestrationDispatcherMiddleware(SetParent);
        await worker.StartAsync().ConfigureAwait(false);
        _worker = worker;
        Log.WorkerStarted(_logger, _backend.Name);
    }

    /// <summary>
    /// Stops gracefully: no new work is handed out and idle sessions end at once; in-flight work items get up to
    /// <see cref="SwarmsDurableOptions.ShutdownTimeout"/> to finish; then the dispatchers stop and the backend gives
    /// its locks back, so the next process picks up what is left without waiting for them to expire.
    /// </summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _worker, null) is not { } worker)
        {
            return;
        }

        _backend.BeginStop();
        var inFlight = _backend.InFlightWorkItems;
        Log.WorkerStopping(_logger, _options.ShutdownTimeout, inFlight);
        var forced = false;
        if (inFlight >= 0)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.ShutdownTimeout);
            while (_backend.InFlightWorkItems > 0 && !timeout.IsCancellationRequested)
            {
                await Task.Delay(5, CancellationToken.None).ConfigureAwait(false);
            }

            forced = true;
        }

        await worker.StopAsync(forced).ConfigureAwait(false);
        worker.Dispose();
        Log.WorkerStopped(_logger);
    }

    /// <inheritdoc/>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;

    private static Task SetParent(DurableTask.Core.Middleware.DispatchMiddlewareContext context, Func<Task> next)
    {
        if (context.GetProperty<TaskOrchestration>() is SdkOrchestration orchestration
            && context.GetProperty<OrchestrationRuntimeState>()?.ParentInstance is { } parent)
        {
            orchestration.Parent ??= new ParentOrchestrationInstance(new TaskName(parent.Name), parent.OrchestrationInstance.InstanceId);
        }

        return next();
    }
}
