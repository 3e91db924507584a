namespace Swarms.Durable;

/// <summary>The untyped form of an activity, as the engine calls it.</summary>
public interface ITaskActivity
{
    /// <summary>The type the serialized input is read as.</summary>
    Type InputType { get; }

    /// <summary>Runs the activity.</summary>
    /// <param name="context">The activity context.</param>
    /// <param name="input">The deserialized input.</param>
    /// <returns>The output.</returns>
    Task<object?> RunAsync(TaskActivityContext context, object? input);
}

/// <summary>
/// Base class for activities: the unit of real work (I/O, model calls). Activities run at least once:
/// one in flight when its process dies runs again with <see cref="TaskActivityContext.Attempt"/> increased,
/// so side effects should be idempotent or de-duplicated by instance id, task id and attempt.
/// </summary>
/// <typeparam name="TInput">The input type.</typeparam>
/// <typeparam name="TOutput">The output type.</typeparam>
public abstract class TaskActivity<TInput, TOutput> : ITaskActivity
{
    /// <inheritdoc/>
    public Type InputType => typeof(TInput);

    /// <summary>Runs the activity.</summary>
    /// <param name="context">The activity context, with a token that fires on shutdown.</param>
    /// <param name="input">The input the orchestrator passed.</param>
    /// <returns>The output, returned to the orchestrator.</returns>
    public abstract Task<TOutput> RunAsync(TaskActivityContext context, TInput input);

    /// <inheritdoc/>
    async Task<object?> ITaskActivity.RunAsync(TaskActivityContext context, object? input) =>
        await RunAsync(context, input is null ? default! : (TInput)input).ConfigureAwait(false);
}
