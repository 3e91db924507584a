using DurableTask.Core;
using Microsoft.Extensions.Logging;
using Swarms.Durable.Sqlite;

namespace Swarms.Durable.Hosting;

/// <summary>The embedded backend: <see cref="SqliteOrchestrationService"/> on a file or in memory.</summary>
internal sealed class SqliteBackend(SqliteOrchestrationServiceOptions options, ILoggerFactory loggerFactory) : DurableBackend
{
    private readonly SqliteOrchestrationService _service = new(options, loggerFactory);

    public override string Name => _service.Options.Path is { } path ? $"SQLite ({path})" : "in-memory";

    public override IOrchestrationService Service => _service;

    public override IOrchestrationServiceClient Client => _service;

    public override int InFlightWorkItems => _service.InFlightWorkItems;

    public override void BeginStop() => _service.BeginStop();

    public override async ValueTask DisposeAsync()
    {
        await _service.StopAsync(isForced: true).ConfigureAwait(false);
        _service.Dispose();
    }
}
