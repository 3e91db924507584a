using Swarms.Durable.Orchestration;

namespace Swarms.Durable;

/// <summary>
/// Orchestrators and activities by name. Names match case-insensitively, as in Durable Task.
/// </summary>
public sealed class DurableTaskRegistry
{
    private readonly Dictionary<string, Func<ITaskOrchestrator>> _orchestrators = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Func<ITaskActivity>> _activities = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Registers an orchestrator class under its type name.</summary>
    /// <typeparam name="TOrchestrator">The orchestrator type; a new instance runs each episode.</typeparam>
    /// <returns>This registry.</returns>
    public DurableTaskRegistry AddOrchestrator<TOrchestrator>()
        where TOrchestrator : ITaskOrchestrator, new() =>
        AddOrchestrator(typeof(TOrchestrator).Name, () => new TOrchestrator());

    /// <summary>Registers an orchestrator factory under <paramref name="name"/>.</summary>
    /// <param name="name">The orchestrator name.</param>
    /// <param name="factory">Creates the orchestrator for each episode.</param>
    /// <returns>This registry.</returns>
    public DurableTaskRegistry AddOrchestrator(string name, Func<ITaskOrchestrator> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        if (!_orchestrators.TryAdd(name, factory))
        {
            throw new ArgumentException($"An orchestrator named '{name}' is already registered.", nameof(name));
        }

        return this;
    }

    /// <summary>Registers an orchestrator delegate.</summary>
    /// <typeparam name="TInput">The input type.</typeparam>
    /// <typeparam name="TOutput">The output type.</typeparam>
    /// <param name="name">The orchestrator name.</param>
    /// <param name="implementation">The orchestrator code; the determinism rules of
    /// <see cref="TaskOrchestrator{TInput, TOutput}"/> apply.</param>
    /// <returns>This registry.</returns>
    public DurableTaskRegistry AddOrchestratorFunc<TInput, TOutput>(
        string name, Func<TaskOrchestrationContext, TInput, Task<TOutput>> implementation)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        var orchestrator = new FuncOrchestrator<TInput, TOutput>(implementation);
        return AddOrchestrator(name, () => orchestrator);
    }

    /// <summary>Registers an activity class under its type name.</summary>
    /// <typeparam name="TActivity">The activity type; a new instance runs each call.</typeparam>
    /// <returns>This registry.</returns>
    public DurableTaskRegistry AddActivity<TActivity>()
        where TActivity : ITaskActivity, new() =>
        AddActivity(typeof(TActivity).Name, () => new TActivity());

    /// <summary>Registers an activity factory under <paramref name="name"/>.</summary>
    /// <param name="name">The activity name.</param>
    /// <param name="factory">Creates the activity for each call.</param>
    /// <returns>This registry.</returns>
    public DurableTaskRegistry AddActivity(string name, Func<ITaskActivity> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        if (!_activities.TryAdd(name, factory))
        {
            throw new ArgumentException($"An activity named '{name}' is already registered.", nameof(name));
        }

        return this;
    }

    /// <summary>Registers an asynchronous activity delegate.</summary>
    /// <typeparam name="TInput">The input type.</typeparam>
    /// <typeparam name="TOutput">The output type.</typeparam>
    /// <param name="name">The activity name.</param>
    /// <param name="implementation">The activity code.</param>
    /// <returns>This registry.</returns>
    public DurableTaskRegistry AddActivityFunc<TInput, TOutput>(
        string name, Func<TaskActivityContext, TInput, Task<TOutput>> implementation)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        var activity = new FuncActivity<TInput, TOutput>(implementation);
        return AddActivity(name, () => activity);
    }

    /// <summary>Registers a synchronous activity delegate.</summary>
    /// <typeparam name="TInput">The input type.</typeparam>
    /// <typeparam name="TOutput">The output type.</typeparam>
    /// <param name="name">The activity name.</param>
    /// <param name="implementation">The activity code.</param>
    /// <returns>This registry.</returns>
    public DurableTaskRegistry AddActivityFunc<TInput, TOutput>(
        string name, Func<TaskActivityContext, TInput, TOutput> implementation)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        return AddActivityFunc<TInput, TOutput>(name, (ctx, input) => Task.FromResult(implementation(ctx, input)));
    }

    internal bool TryCreateOrchestrator(string name, out ITaskOrchestrator orchestrator)
    {
        var found = _orchestrators.TryGetValue(name, out var factory);
        orchestrator = found ? factory!() : null!;
        return found;
    }

    internal bool TryCreateActivity(string name, out ITaskActivity activity)
    {
        var found = _activities.TryGetValue(name, out var factory);
        activity = found ? factory!() : null!;
        return found;
    }

    private sealed class FuncOrchestrator<TInput, TOutput>(Func<TaskOrchestrationContext, TInput, Task<TOutput>> body)
        : TaskOrchestrator<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input) => body(context, input);
    }

    private sealed class FuncActivity<TInput, TOutput>(Func<TaskActivityContext, TInput, Task<TOutput>> body)
        : TaskActivity<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskActivityContext context, TInput input) => body(context, input);
    }
}
