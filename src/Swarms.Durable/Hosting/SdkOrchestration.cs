using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;

namespace Swarms.Durable.Hosting;

/// <summary>
/// A new SDK orchestrator for one orchestration execution. DurableTask.Core asks for the TaskOrchestration before
/// the dispatch middleware can tell who the parent is, so the SDK shim is made on the first
/// <see cref="Execute"/>, with the parent that <see cref="SwarmsDurableWorker"/>'s middleware set.
/// </summary>
internal sealed class SdkOrchestration(TaskName name, ITaskOrchestrator orchestrator, DurableTaskShimFactory shims) : TaskOrchestration
{
    private TaskOrchestration? _shim;

    public ParentOrchestrationInstance? Parent { get; set; }

    public override Task<string> Execute(OrchestrationContext context, string input)
    {
        _shim ??= shims.CreateOrchestration(name, orchestrator, Parent);
        return _shim.Execute(context, input);
    }

    public override string GetStatus() => _shim?.GetStatus()!;

    public override void RaiseEvent(OrchestrationContext context, string name, string input) => _shim?.RaiseEvent(context, name, input);
}
