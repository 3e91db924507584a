using Swarms.Durable.Orchestration;

namespace Swarms.Durable;

/// <summary>The untyped form of an orchestrator, as the engine calls it.</summary>
public interface ITaskOrchestrator
{
    /// <summary>The type the serialized input is read as.</summary>
    Type InputType { get; }

    /// <summary>Runs the orchestrator.</summary>
    /// <param name="context">The orchestration context.</param>
    /// <param name="input">The deserialized input.</param>
    /// <returns>The output.</returns>
    Task<object?> RunAsync(TaskOrchestrationContext context, object? input);
}

/// <summary>
/// Base class for orchestrators: durable, replayed coordinator code.
/// </summary>
/// <remarks>
/// The engine replays <see cref="RunAsync"/> from the start on every new event, so the code must be
/// deterministic: the same history must lead to the same calls in the same order.
/// <list type="bullet">
/// <item>Await only tasks returned by the <see cref="TaskOrchestrationContext"/> (activities, timers,
/// sub-orchestrations, external events) and combinations of them with <c>Task.WhenAll</c>/<c>Task.WhenAny</c>.
/// <c>Task.Delay</c>, <c>Task.Run</c>, I/O and <c>ConfigureAwait(false)</c> are detected and fail the instance.</item>
/// <item>Use <see cref="TaskOrchestrationContext.CurrentUtcDateTime"/> and
/// <see cref="TaskOrchestrationContext.NewGuid"/> instead of <c>DateTime.UtcNow</c> and <c>Guid.NewGuid</c>.</item>
/// <item>Do I/O in activities, never here; log through
/// <see cref="TaskOrchestrationContext.CreateReplaySafeLogger(Microsoft.Extensions.Logging.ILogger)"/>.</item>
/// </list>
/// </remarks>
/// <typeparam name="TInput">The input type.</typeparam>
/// <typeparam name="TOutput">The output type.</typeparam>
public abstract class TaskOrchestrator<TInput, TOutput> : ITaskOrchestrator
{
    /// <inheritdoc/>
    public Type InputType => typeof(TInput);

    /// <summary>Runs the orchestration logic.</summary>
    /// <param name="context">The orchestration context.</param>
    /// <param name="input">The input given at scheduling time.</param>
    /// <returns>The output, serialized into the instance's record.</returns>
    public abstract Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input);

    /// <inheritdoc/>
    async Task<object?> ITaskOrchestrator.RunAsync(TaskOrchestrationContext context, object? input) =>
        await RunAsync(context, input is null ? default! : (TInput)input);
}
