using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.Extensions.Logging;
using Swarms.Durable.AzureStorage;

namespace Swarms.Durable.Hosting;

/// <summary>DurableTask.AzureStorage's <see cref="AzureStorageOrchestrationService"/>.</summary>
internal sealed class AzureStorageBackend(AzureStorageBackendOptions options, ILoggerFactory loggerFactory) : DurableBackend
{
    private readonly AzureStorageOrchestrationService _service = new(options.ToSettings(loggerFactory));

    public override string Name => $"Azure Storage (task hub {options.TaskHubName})";

    public override IOrchestrationService Service => _service;

    public override IOrchestrationServiceClient Client => _service;

    public override async ValueTask DisposeAsync()
    {
        await _service.StopAsync(isForced: true).ConfigureAwait(false);
        _service.Dispose();
    }
}
