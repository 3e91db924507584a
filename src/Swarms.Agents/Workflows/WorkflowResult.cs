using Swarms.Agents.Streaming;

namespace Swarms.Agents.Workflows;

/// <summary>The outcome of a workflow run.</summary>
/// <param name="Workflow">The workflow's name.</param>
/// <param name="Status">How the run ended.</param>
/// <param name="Output">
/// The final output: the last agent's answer for a sequential workflow; every completed agent's answer, in agent
/// order and headed by its name, for a concurrent one.
/// </param>
/// <param name="Agents">One result per agent, in agent order (not completion order).</param>
/// <param name="Usage">Tokens used by all agents together.</param>
/// <param name="Error">Why the run failed or partly failed; null when every agent completed.</param>
public sealed record WorkflowResult(
    string Workflow, WorkflowStatus Status, string Output, IReadOnlyList<AgentStepResult> Agents, TokenUsage Usage, string? Error)
{
    /// <summary>Wall-clock duration of the run, when an in-process workflow measured it.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>True when every agent completed.</summary>
    public bool Succeeded => Status == WorkflowStatus.Completed;

    /// <summary>The final output (what <c>print(result)</c> shows in swarms), or the error when there is none.</summary>
    public override string ToString() => Output.Length > 0 || Error is null ? Output : Error;
}
