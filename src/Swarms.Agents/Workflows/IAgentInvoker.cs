namespace Swarms.Agents.Workflows;

/// <summary>
/// Runs one agent step for the workflow logic (<see cref="WorkflowLogic"/>). In process, the
/// <see cref="InProcessAgentInvoker"/> runs an <see cref="Agent"/>; a durable orchestrator implements it with
/// <c>CallActivityAsync</c>, so the same sequencing and fan-out/fan-in code serves both.
/// </summary>
/// <remarks>
/// Rules an implementation keeps: return a result for an agent that failed (status
/// <see cref="AgentStepStatus.Failed"/>) rather than throw, so one failing agent does not end a concurrent run;
/// throw <see cref="OperationCanceledException"/> only when the whole run is cancelled.
/// </remarks>
internal interface IAgentInvoker
{
    /// <summary>Runs <paramref name="agentStep"/> and returns its result.</summary>
    Task<AgentStepResult> InvokeAsync(AgentStep agentStep, CancellationToken cancellationToken);
}
