using Swarms.Agents.Streaming;

namespace Swarms.Agents.Workflows;

/// <summary>
/// The sequencing and fan-out/fan-in of a workflow, written once against <see cref="IAgentInvoker"/>: the
/// in-process <see cref="SequentialWorkflow"/> and <see cref="ConcurrentWorkflow"/> run it with an
/// <see cref="InProcessAgentInvoker"/>, durable orchestrators with an invoker that calls activities.
/// </summary>
/// <remarks>
/// This code runs inside durable orchestrators, so it keeps their rules: it is deterministic (the same results
/// in give the same calls, in the same order), it awaits only the invoker's tasks and <see cref="Task.WhenAll(Task[])"/>
/// / <see cref="Task.WhenAny(Task[])"/> on them, with no <c>ConfigureAwait(false)</c> (which would leave the
/// orchestrator's synchronization context), and it never reads the clock, starts threads, sleeps or locks.
/// </remarks>
internal static partial class WorkflowLogic
{
    /// <summary>Runs <paramref name="plan"/> on <paramref name="task"/>, calling <paramref name="invoker"/> for every agent step.</summary>
    /// <exception cref="OperationCanceledException">The invoker reported that the run was cancelled.</exception>
    public static Task<WorkflowResult> RunAsync(WorkflowPlan plan, string task, IAgentInvoker invoker, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(invoker);
        plan.Validate();
        return plan.Kind == WorkflowKind.Sequential
            ? RunSequentialAsync(plan, task, invoker, cancellationToken)
            : RunConcurrentAsync(plan, task, invoker, cancellationToken);
    }

    /// <summary>Adds one loop's result of an agent to what it did in earlier loops: last output, summed usage and time.</summary>
    private static AgentStepResult Accumulate(AgentStepResult? earlier, AgentStepResult latest) =>
        earlier is null
            ? latest
            : latest with
            {
                Usage = earlier.Usage + latest.Usage,
                Elapsed = earlier.Elapsed + latest.Elapsed,
                StartedAt = earlier.StartedAt ?? latest.StartedAt,
            };

    private static TokenUsage TotalUsage(IReadOnlyList<AgentStepResult> results)
    {
        var total = TokenUsage.Zero;
        foreach (var r in results)
        {
            total += r.Usage;
        }

        return total;
    }
}
