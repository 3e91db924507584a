using System.Text.Json;
using Microsoft.DurableTask.Client;
using Swarms.Agents.Streaming;
using Swarms.Agents.Workflows;
using Swarms.Api.Contracts;
using Swarms.Api.Http;
using Swarms.Orchestration;
using Swarms.Orchestration.RunLog;

namespace Swarms.Api.Runs;

/// <summary>
/// Puts a run's status together: the orchestration's metadata and input (the agents), its custom status while it runs
/// (<see cref="SwarmRunProgress"/>: who runs, who is done), the run log (each agent's latest attempt and, once it
/// completed, its answer and usage), and the result once the run has finished.
/// </summary>
public sealed class RunStatusReader(IRunLog runLog)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The run's status; null when no such run exists (or it is not a swarm run).</summary>
    public async Task<RunStatusResponse?> ReadAsync(DurableTaskClient client, string runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var metadata = await client.GetInstanceAsync(runId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        if (metadata is null || !string.Equals(metadata.Name, SwarmRunOrchestrator.Name, StringComparison.Ordinal))
        {
            return null;
        }

        var input = Read<SwarmRunRequest>(metadata.SerializedInput);
        var progress = Read<SwarmRunProgress>(metadata.SerializedCustomStatus) ?? new SwarmRunProgress();
        var result = metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? Read<SwarmRunResult>(metadata.SerializedOutput) : null;
        var names = input?.Definition.Agents.Select(a => a.Name).ToList() ?? result?.Agents.Select(a => a.Agent).ToList() ?? [];
        var agents = new List<AgentRunStatus>(names.Count);
        foreach (var name in names)
        {
            var turn = await runLog.GetTurnAsync(runId, name, progress.Loop, cancellationToken).ConfigureAwait(false);
            var final = result?.Agents.FirstOrDefault(a => a.Agent == name);
            agents.Add(new AgentRunStatus
            {
                Name = name,
                Status = final is not null ? Kebab(final.Status) : StatusOf(name, progress, turn),
                Attempt = turn.LastAttempt,
                Output = final is { Status: AgentStepStatus.Completed } ? final.Output : turn.Completed?.Output,
                Usage = final is { Status: AgentStepStatus.Completed } ? final.Usage : turn.Completed?.Usage,
                FinishReason = final?.FinishReason ?? turn.Completed?.FinishReason,
                Error = final?.Error,
            });
        }

        var error = metadata.RuntimeStatus switch
        {
            OrchestrationRuntimeStatus.Failed => metadata.FailureDetails?.ErrorMessage,
            OrchestrationRuntimeStatus.Terminated => StatusPayloads.Output(metadata)?.ToString() ?? "terminated",
            _ => result?.Error,
        };
        return new RunStatusResponse
        {
            RunId = runId,
            Swarm = input?.Definition.Name ?? result?.Swarm ?? "",
            RuntimeStatus = metadata.RuntimeStatus.ToString(),
            Status = result is null ? null : JsonNamingPolicy.KebabCaseLower.ConvertName(result.Status.ToString()),
            Loop = progress.Loop,
            Agents = agents,
            Output = result?.Output,
            Error = error,
            Usage = result?.Usage ?? agents.Aggregate(TokenUsage.Zero, (sum, a) => a.Usage is { } u ? sum + u : sum),
            CreatedTime = StatusPayloads.Time(metadata.CreatedAt),
            LastUpdatedTime = StatusPayloads.Time(metadata.LastUpdatedAt),
        };
    }

    private static string StatusOf(string name, SwarmRunProgress progress, RunTurnState turn) =>
        progress.Running.Contains(name) ? "running"
        : progress.WaitingForApproval.Contains(name) ? "waiting-for-approval"
        : progress.Failed.Contains(name) ? "failed"
        : progress.Rejected.Contains(name) ? "rejected"
        : progress.Completed.Contains(name) || turn.Completed is not null ? "completed"
        : "pending";

    private static string Kebab(AgentStepStatus status) => JsonNamingPolicy.KebabCaseLower.ConvertName(status.ToString());

    private static T? Read<T>(string? json)
        where T : class
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
