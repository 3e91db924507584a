using Microsoft.Extensions.Logging;

namespace Swarms.Durable.Orchestration;

/// <summary>
/// What orchestrator code uses to schedule durable work. Every method records a decision in history or
/// replays one from it; see <see cref="TaskOrchestrator{TInput, TOutput}"/> for the determinism rules.
/// Call it only from the orchestrator's own thread (never after <c>ConfigureAwait(false)</c>).
/// </summary>
public abstract class TaskOrchestrationContext
{
    /// <summary>The orchestrator name.</summary>
    public abstract string Name { get; }

    /// <summary>The instance id.</summary>
    public abstract string InstanceId { get; }

    /// <summary>
    /// Whether the code is re-running past decisions from history. Side effects in orchestrator code
    /// (logging, metrics) should be skipped while replaying.
    /// </summary>
    public abstract bool IsReplaying { get; }

    /// <summary>The current time as recorded in history for this point of the orchestration (UTC); use it
    /// instead of <see cref="DateTime.UtcNow"/>.</summary>
    public abstract DateTime CurrentUtcDateTime { get; }

    /// <summary>Reads the instance's input as <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The type to read.</typeparam>
    /// <returns>The input.</returns>
    public abstract T? GetInput<T>();

    /// <summary>Schedules an activity and returns its result.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="name">The activity name.</param>
    /// <param name="input">The input (serialized to JSON).</param>
    /// <param name="options">Retry policy; without one a failure is thrown at once.</param>
    /// <returns>The result; a failure surfaces as <see cref="TaskFailedException"/>.</returns>
    public abstract Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, TaskOptions? options = null);

    /// <summary>Schedules an activity whose result is not needed.</summary>
    /// <param name="name">The activity name.</param>
    /// <param name="input">The input.</param>
    /// <param name="options">Retry policy.</param>
    /// <returns>A task that completes when the activity has.</returns>
    public Task CallActivityAsync(string name, object? input = null, TaskOptions? options = null) =>
        CallActivityAsync<object>(name, input, options);

    /// <summary>Starts a sub-orchestration and returns its output.</summary>
    /// <typeparam name="TResult">The output type.</typeparam>
    /// <param name="name">The orchestrator name.</param>
    /// <param name="input">The input.</param>
    /// <param name="options">Instance id and retry policy (<see cref="SubOrchestrationOptions"/>).</param>
    /// <returns>The output; a failure surfaces as <see cref="TaskFailedException"/>.</returns>
    public abstract Task<TResult> CallSubOrchestratorAsync<TResult>(string name, object? input = null, TaskOptions? options = null);

    /// <summary>Creates a durable timer that fires at <paramref name="fireAt"/>.</summary>
    /// <param name="fireAt">The time (UTC).</param>
    /// <returns>A task that completes when the timer fires.</returns>
    public abstract Task CreateTimer(DateTime fireAt);

    /// <summary>Creates a durable timer that fires after <paramref name="delay"/>.</summary>
    /// <param name="delay">The delay from <see cref="CurrentUtcDateTime"/>.</param>
    /// <returns>A task that completes when the timer fires.</returns>
    public Task CreateTimer(TimeSpan delay) => CreateTimer(CurrentUtcDateTime + delay);

    /// <summary>
    /// Creates a durable timer that the orchestrator can cancel, typically the timeout of a
    /// <c>Task.WhenAny(work, timer)</c> that the work won. Cancelling only stops the wait: the timer stays in
    /// history and its firing is ignored (as in Durable Task), so the instance can complete at once.
    /// Cancel from orchestrator code (a <see cref="CancellationTokenSource"/> the orchestrator owns), never from
    /// another thread or a wall-clock <c>CancelAfter</c>: both break replay.
    /// </summary>
    /// <param name="fireAt">The time (UTC).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the timer fires, or is cancelled (<see cref="TaskCanceledException"/>) first.</returns>
    public Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        var timer = CreateTimer(fireAt);
        return cancellationToken.CanBeCanceled ? TimerOrCancellationAsync(timer, cancellationToken) : timer;
    }

    // No ConfigureAwait(false): this runs as orchestrator code, on the orchestration's synchronization context.
    private static async Task TimerOrCancellationAsync(Task timer, CancellationToken cancellationToken)
    {
        var cancelled = new TaskCompletionSource();
        using (cancellationToken.Register(static state => ((TaskCompletionSource)state!).TrySetResult(), cancelled))
        {
            if (await Task.WhenAny(timer, cancelled.Task) != timer)
            {
                throw new TaskCanceledException("The durable timer was cancelled before it fired.");
            }
        }

        await timer;
    }

    /// <summary>
    /// Waits for an external event. Events that arrived before anyone waited are buffered and returned in
    /// arrival order; names match case-insensitively.
    /// </summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="eventName">The event name.</param>
    /// <returns>The payload.</returns>
    public abstract Task<T> WaitForExternalEvent<T>(string eventName);

    /// <summary>Waits for an external event, giving up after <paramref name="timeout"/> (a durable timer).</summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="eventName">The event name.</param>
    /// <param name="timeout">How long to wait.</param>
    /// <returns>The payload; <see cref="TaskCanceledException"/> when the timeout fires first.</returns>
    public abstract Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout);

    /// <summary>Sets the instance's custom status, visible to clients (at most 16 KB serialized).</summary>
    /// <param name="customStatus">The status, or null to clear it.</param>
    public abstract void SetCustomStatus(object? customStatus);

    /// <summary>
    /// Restarts the orchestration with new input and an empty history once the orchestrator returns. Use it
    /// for eternal or long loops so history stays small.
    /// </summary>
    /// <param name="newInput">The next execution's input.</param>
    /// <param name="preserveUnprocessedEvents">Carry buffered external events over to the next execution.</param>
    public abstract void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true);

    /// <summary>Creates a GUID that is the same on every replay.</summary>
    /// <returns>The GUID.</returns>
    public abstract Guid NewGuid();

    /// <summary>Wraps a logger so it writes nothing while the orchestrator replays.</summary>
    /// <param name="logger">The logger to wrap.</param>
    /// <returns>The replay-safe logger.</returns>
    public ILogger CreateReplaySafeLogger(ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        return new ReplaySafeLogger(this, logger);
    }
}
