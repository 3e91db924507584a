using System.Text.Json.Serialization;
using Swarms.Agents.Streaming;
using Swarms.Agents.Workflows;

namespace Swarms.Orchestration;

/// <summary>The output of a durable swarm run: what <see cref="WorkflowResult"/> says of an in-process run, plus the run id.</summary>
/// <param name="RunId">The run (the orchestration's instance id).</param>
/// <param name="Swarm">The swarm's name.</param>
/// <param name="Status">How the run ended.</param>
/// <param name="Output">The final output: the last completed agent's answer (sequential), or every completed answer under its agent's name (concurrent).</param>
/// <param name="Agents">One result per agent, in agent order: status (including <see cref="AgentStepStatus.Rejected"/>), output, usage, error.</param>
/// <param name="Usage">Tokens used by every agent together.</param>
/// <param name="Error">Why the run failed or partly failed; null when it completed.</param>
public sealed record SwarmRunResult(
    string RunId, string Swarm, WorkflowStatus Status, string Output, IReadOnlyList<AgentStepResult> Agents, TokenUsage Usage, string? Error)
{
    /// <summary>From the run's start to its end, in orchestration time.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>True when the run completed.</summary>
    [JsonIgnore]
    public bool Succeeded => Status == WorkflowStatus.Completed;

    /// <summary>The final output, or the error when there is none.</summary>
    public override string ToString() => Output.Length > 0 || Error is null ? Output : Error;
}
