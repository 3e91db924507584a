using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;

namespace Swarms.Durable.Hosting;

/// <summary>
/// Hands DurableTask.Core's dispatchers the SDK's orchestrators, a new one per execution, created by the SDK
/// registry's factory (through dependency injection for types). An unknown name yields an orchestration that
/// fails with a clear message, as the SDK's own worker does, instead of a work item retried forever.
/// </summary>
internal sealed class OrchestrationObjectManager(IDurableTaskFactory factory, IServiceProvider services, DurableTaskShimFactory shims)
    : INameVersionObjectManager<TaskOrchestration>
{
    public void Add(ObjectCreator<TaskOrchestration> creator) =>
        throw new NotSupportedException("Register orchestrators in the Durable Task SDK's registry (AddTasks).");

    public TaskOrchestration GetObject(string name, string? version)
    {
        var taskName = new TaskName(name);
        return factory.TryCreateOrchestrator(taskName, services, out var orchestrator)
            ? new SdkOrchestration(taskName, orchestrator, shims)
            : new SdkOrchestration(taskName, new MissingOrchestrator(name), shims);
    }

    private sealed class MissingOrchestrator(string name) : ITaskOrchestrator
    {
        public Type InputType => typeof(object);

        public Type OutputType => typeof(object);

        public Task<object?> RunAsync(TaskOrchestrationContext context, object? input) =>
            throw new InvalidOperationException($"No orchestrator named '{name}' is registered with this worker.");
    }
}

/// <summary>Hands DurableTask.Core's activity dispatcher the SDK's activities, each run in its own service scope.</summary>
internal sealed class ActivityObjectManager(IDurableTaskFactory factory, IServiceProvider services, DurableTaskShimFactory shims)
    : INameVersionObjectManager<TaskActivity>
{
    public void Add(ObjectCreator<TaskActivity> creator) =>
        throw new NotSupportedException("Register activities in the Durable Task SDK's registry (AddTasks).");

    public TaskActivity GetObject(string name, string? version) => new SdkActivity(new TaskName(name), factory, services, shims);
}
