using Swarms.Agents.Streaming;

namespace Swarms.Agents.Workflows;

/// <summary>
/// What one agent produced in a workflow: its answer, token usage, status and timing. Within a
/// <see cref="WorkflowResult"/> there is one per agent, in agent order; over several loops the output is the
/// last loop's, usage and elapsed time are summed.
/// </summary>
/// <param name="Index">The agent's position in the workflow (0-based).</param>
/// <param name="Agent">The agent's name.</param>
/// <param name="Status">How the agent ended.</param>
/// <param name="Output">Its final answer; empty when it has none.</param>
/// <param name="Usage">Tokens it used.</param>
/// <param name="Error">
/// Why it failed or was cancelled, as a message that stands on its own (it names the agent, as
/// <see cref="AgentRunException"/>'s does); null when it completed.
/// </param>
/// <param name="StartedAt">When it started; null when it never ran. Set by the invoker, never by the workflow logic.</param>
/// <param name="Elapsed">How long it ran.</param>
public sealed record AgentStepResult(
    int Index, string Agent, AgentStepStatus Status, string Output, TokenUsage Usage, string? Error,
    DateTimeOffset? StartedAt, TimeSpan Elapsed)
{
    /// <summary>Why the agent's last model call stopped (<c>stop</c>, <c>length</c>...), when it completed.</summary>
    public string? FinishReason { get; init; }

    /// <summary>A result for an agent that never ran.</summary>
    internal static AgentStepResult NotRun(AgentStep step, AgentStepStatus status, string reason)
    {
        ArgumentNullException.ThrowIfNull(step);
        return new(step.Index, step.Agent, status, "", TokenUsage.Zero, reason, null, TimeSpan.Zero);
    }
}
