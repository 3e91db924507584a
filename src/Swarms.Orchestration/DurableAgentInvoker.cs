using Microsoft.DurableTask;
using Swarms.Agents.Streaming;
using Swarms.Agents.Workflows;
using Swarms.Agents.Workflows.Definitions;
using Swarms.Orchestration.Activities;
using Swarms.Orchestration.Approvals;

namespace Swarms.Orchestration;

/// <summary>
/// The workflow logic's agent invoker inside <see cref="SwarmRunOrchestrator"/>: each agent step is one
/// <see cref="AgentTurnActivity"/> call (for an agent with tools or MCP servers, the <see cref="DurableToolLoop"/>: one
/// activity per model turn and per tool call), preceded by an approval wait for agents that need one; every change of an
/// agent's state updates the custom status. Orchestrator code: deterministic, no I/O, awaits only Durable Task tasks.
/// </summary>
internal sealed class DurableAgentInvoker : IAgentInvoker
{
    /// <summary>
    /// An agent turn whose activity failed (its events could not be logged, its worker stopped it) runs again, up to 3
    /// times; a model that fails for good is not retried here, the turn already retried it.
    /// </summary>
    internal static readonly TaskOptions TurnRetry = TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromSeconds(1), backoffCoefficient: 2));

    private readonly TaskOrchestrationContext _context;
    private readonly SwarmRunRequest _request;
    private readonly AgentStepStatus[] _status;
    private readonly int _maxLoops;
    private int _loop = 1;

    public DurableAgentInvoker(TaskOrchestrationContext context, SwarmRunRequest request, WorkflowPlan plan)
    {
        _context = context;
        _request = request;
        _status = new AgentStepStatus[plan.Agents.Count];
        _maxLoops = plan.MaxLoops;
    }

    /// <inheritdoc />
    public async Task<AgentStepResult> InvokeAsync(AgentStep agentStep, CancellationToken cancellationToken)
    {
        var step = agentStep;
        var agent = _request.Definition.WithSwarmServers(_request.Definition.Agents[step.Index]);
        _loop = step.Loop;
        if (agent.Approval && await WaitForApprovalAsync(step, agent) is { } notApproved)
        {
            Set(step.Index, notApproved.Status);
            return notApproved;
        }

        Set(step.Index, AgentStepStatus.Running);
        AgentStepResult result;
        try
        {
            var request = new AgentTurnRequest(_context.InstanceId, step.Index, agent, step.Input, step.Loop);
            var turn = agent.Tools.Count > 0 || agent.McpServers.Count > 0
                ? await DurableToolLoop.RunAsync(_context, request, TurnRetry)
                : await _context.CallActivityAsync<AgentTurnResult>(AgentTurnActivity.Name, request, TurnRetry);
            result = turn.ToStepResult();
        }
        catch (TaskFailedException ex)
        {
            result = new AgentStepResult(step.Index, step.Agent, AgentStepStatus.Failed, "", TokenUsage.Zero,
                $"Agent '{step.Agent}' failed: {ex.FailureDetails.ErrorMessage}", null, TimeSpan.Zero);
        }

        Set(step.Index, result.Status);
        return result;
    }

    /// <summary>Publishes the progress as the orchestration's custom status.</summary>
    public void PublishProgress() => _context.SetCustomStatus(Progress());

    /// <summary>The progress now.</summary>
    public SwarmRunProgress Progress()
    {
        var agents = _request.Definition.Agents;
        List<string> Where(AgentStepStatus status) => [.. Enumerable.Range(0, agents.Count).Where(i => _status[i] == status).Select(i => agents[i].Name)];
        return new SwarmRunProgress
        {
            Loop = _loop, MaxLoops = _maxLoops,
            Completed = Where(AgentStepStatus.Completed), Running = Where(AgentStepStatus.Running), Failed = Where(AgentStepStatus.Failed),
            Rejected = Where(AgentStepStatus.Rejected), WaitingForApproval = Where(AgentStepStatus.WaitingForApproval),
        };
    }

    /// <summary>
    /// Waits for a person's decision on <paramref name="agent"/>'s turn. Returns null when approved; a
    /// <see cref="AgentStepStatus.Rejected"/> result when rejected; a <see cref="AgentStepStatus.Failed"/> one when nobody
    /// decided in time. The wait and its outcome are logged as run events.
    /// </summary>
    private async Task<AgentStepResult?> WaitForApprovalAsync(AgentStep step, AgentDefinition agent)
    {
        var timeout = agent.ApprovalTimeout ?? AgentDefinition.DefaultApprovalTimeout;
        Set(step.Index, AgentStepStatus.WaitingForApproval);
        var key = $"{step.Agent}:{step.Loop}";
        await RecordAsync(new ApprovalRequested(step.Agent, step.Loop, Now() + timeout), "approval-requested:" + key);
        ApprovalDecision? decision;
        bool timedOut = false;
        try
        {
            // No payload (a bare raise through the Durable HTTP API) approves.
            decision = await _context.WaitForExternalEvent<ApprovalDecision?>(SwarmApprovals.EventName(step.Agent), timeout) ?? ApprovalDecision.Approve();
        }
        catch (TaskCanceledException)
        {
            decision = null;
            timedOut = true;
        }

        await RecordAsync(new ApprovalDecided(step.Agent, step.Loop, decision?.Approved == true, decision?.Feedback, timedOut), "approval-decided:" + key);
        if (timedOut)
        {
            return new AgentStepResult(step.Index, step.Agent, AgentStepStatus.Failed, "", TokenUsage.Zero,
                $"Agent '{step.Agent}' was not approved within {timeout:c}.", null, TimeSpan.Zero);
        }

        if (!decision!.Approved)
        {
            var why = string.IsNullOrWhiteSpace(decision.Feedback) ? "." : $": {decision.Feedback}";
            return new AgentStepResult(step.Index, step.Agent, AgentStepStatus.Rejected, "", TokenUsage.Zero,
                $"Agent '{step.Agent}' was rejected{why}", null, TimeSpan.Zero);
        }

        return null;
    }

    /// <summary>Logs and publishes an event of the run (through an activity: the orchestrator does no I/O).</summary>
    public Task RecordAsync(SwarmEvent evt, string key) =>
        _context.CallActivityAsync<long>(RunEventActivity.Name, new RunEventRequest(evt with { RunId = _context.InstanceId, Timestamp = Now() }, key), TurnRetry);

    private DateTimeOffset Now() => new(_context.CurrentUtcDateTime, TimeSpan.Zero);

    private void Set(int index, AgentStepStatus status)
    {
        _status[index] = status;
        PublishProgress();
    }
}
