using Microsoft.DurableTask.Client;

namespace Swarms.Orchestration.Approvals;

/// <summary>
/// Approving or rejecting an agent that waits for a person (<c>"approval": true</c> in its definition), through the
/// Durable Task client: what <c>swarms runs approve</c> does, and what the HTTP app's approve route calls.
/// </summary>
/// <remarks>
/// The decision is the external event <see cref="EventName"/> of the run's orchestration. A decision raised before the
/// run reaches the agent waits for it (Durable Task keeps raised events until they are awaited); each turn of the agent
/// (each workflow loop) takes one decision.
/// </remarks>
public static class SwarmApprovals
{
    /// <summary>The external event an agent's approval wait listens for: <c>approval:{agent}</c>.</summary>
    public static string EventName(string agent)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agent);
        return "approval:" + agent;
    }

    /// <summary>Sends <paramref name="decision"/> for <paramref name="agent"/> of run <paramref name="runId"/>.</summary>
    public static Task DecideAsync(this DurableTaskClient client, string runId, string agent, ApprovalDecision decision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        ArgumentNullException.ThrowIfNull(decision);
        return client.RaiseEventAsync(runId, EventName(agent), decision, cancellationToken);
    }

    /// <summary>Approves <paramref name="agent"/>: it runs.</summary>
    public static Task ApproveAsync(this DurableTaskClient client, string runId, string agent, string? feedback = null, CancellationToken cancellationToken = default) =>
        client.DecideAsync(runId, agent, ApprovalDecision.Approve(feedback), cancellationToken);

    /// <summary>Rejects <paramref name="agent"/>: it does not run; its status is rejected with <paramref name="feedback"/> recorded.</summary>
    public static Task RejectAsync(this DurableTaskClient client, string runId, string agent, string? feedback, CancellationToken cancellationToken = default) =>
        client.DecideAsync(runId, agent, ApprovalDecision.Reject(feedback), cancellationToken);
}
