using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;

namespace Swarms.Durable.Hosting;

/// <summary>
/// One activity execution: a service scope, the SDK activity created in it through dependency injection (so an
/// activity's constructor may take scoped services), the SDK shim, and the scope disposed when the activity ends.
/// </summary>
internal sealed class SdkActivity(TaskName name, IDurableTaskFactory factory, IServiceProvider services, DurableTaskShimFactory shims) : TaskActivity
{
    public override string Run(TaskContext context, string input) =>
        throw new NotSupportedException("SDK activities run asynchronously.");

    public override async Task<string> RunAsync(TaskContext context, string input)
    {
        var scope = services.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            if (!factory.TryCreateActivity(name, scope.ServiceProvider, out var activity))
            {
                throw new InvalidOperationException($"No activity named '{name}' is registered with this worker.");
            }

            return await shims.CreateActivity(name, activity).RunAsync(context, input).ConfigureAwait(false);
        }
    }
}
