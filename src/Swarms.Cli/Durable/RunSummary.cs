using System.Globalization;
using Microsoft.DurableTask.Client;
using Swarms.Agents.Streaming;
using Swarms.Agents.Workflows;
using Swarms.Orchestration;

namespace Swarms.Cli.Durable;

/// <summary>What <c>swarms runs</c> and <c>swarms runs show</c> say of a run: from its durable state, custom status and log.</summary>
internal sealed record RunSummary(
    string RunId, string Swarm, string Kind, string Status, DateTimeOffset Created, TimeSpan Elapsed, string? Task, SwarmRunResult? Result,
    SwarmRunProgress? Progress, string? Failure)
{
    public static RunSummary From(OrchestrationMetadata run, DateTimeOffset now)
    {
        SwarmRunRequest? request = null;
        SwarmRunResult? result = null;
        SwarmRunProgress? progress = null;
        try
        {
            request = run.ReadInputAs<SwarmRunRequest>();
            result = run.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? run.ReadOutputAs<SwarmRunResult>() : null;
            progress = run.ReadCustomStatusAs<SwarmRunProgress>();
        }
        catch (System.Text.Json.JsonException)
        {
            // Written by something else than swarms: shown with what the durable state says.
        }

        var end = run.IsCompleted ? run.LastUpdatedAt : now;
        return new RunSummary(
            run.InstanceId, request?.Definition.Name ?? "?", request?.Definition.Kind.ToString().ToLowerInvariant() ?? "?", Describe(run, result, progress),
            run.CreatedAt, end - run.CreatedAt, request?.Task, result, progress, run.FailureDetails?.ErrorMessage);
    }

    /// <summary>One word or phrase for a run's state: its swarm's outcome once finished, what it waits for while running.</summary>
    public static string Describe(OrchestrationMetadata run)
    {
        SwarmRunResult? result = null;
        SwarmRunProgress? progress = null;
        try
        {
            result = run.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? run.ReadOutputAs<SwarmRunResult>() : null;
            progress = run.ReadCustomStatusAs<SwarmRunProgress>();
        }
        catch (System.Text.Json.JsonException)
        {
        }

        return Describe(run, result, progress);
    }

    private static string Describe(OrchestrationMetadata run, SwarmRunResult? result, SwarmRunProgress? progress) => run.RuntimeStatus switch
    {
        OrchestrationRuntimeStatus.Completed when result is not null => result.Status switch
        {
            WorkflowStatus.Completed => "completed",
            WorkflowStatus.PartiallyCompleted => "partially completed",
            _ => "failed",
        },
        OrchestrationRuntimeStatus.Running when progress is { WaitingForApproval.Count: > 0 } p =>
            $"waiting for approval ({string.Join(", ", p.WaitingForApproval)})",
        OrchestrationRuntimeStatus.Failed => $"failed: {run.FailureDetails?.ErrorMessage}",
        var status => status.ToString().ToLowerInvariant(),
    };

    public static string Time(DateTimeOffset time) => time.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Duration(TimeSpan elapsed) => elapsed.TotalSeconds < 60
        ? elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + "s"
        : elapsed.TotalHours < 1 ? $"{(int)elapsed.TotalMinutes}m{elapsed.Seconds:00}s" : $"{(int)elapsed.TotalHours}h{elapsed.Minutes:00}m";
}

/// <summary>One agent of a run as its logged events tell it.</summary>
internal sealed record AgentSummary(string Name, string Status, int Attempt, TokenUsage Usage, string Output, string? Error)
{
    /// <summary>Folds a run's events, in log order, into one summary per agent (in the swarm's order).</summary>
    public static IReadOnlyList<AgentSummary> Fold(IReadOnlyList<string> agents, IEnumerable<SwarmEvent> events)
    {
        var rows = agents.ToDictionary(a => a, a => new AgentSummary(a, "pending", 0, TokenUsage.Zero, "", null), StringComparer.Ordinal);
        foreach (var evt in events)
        {
            if (evt is not AgentEvent { Agent: var name } || !rows.TryGetValue(name, out var row))
            {
                continue;
            }

            rows[name] = evt switch
            {
                AgentStarted s => row with { Status = "running", Attempt = Math.Max(row.Attempt, s.Attempt), Error = null },
                AgentCompleted c => row with { Status = c.FinishReason == "length" ? "stopped: max tokens" : "completed", Usage = row.Usage + c.Usage, Output = c.Output },
                AgentFailed { WillRetry: false } f => row with { Status = "failed", Error = f.Error },
                ApprovalRequested => row with { Status = "waiting for approval" },
                ApprovalDecided { Approved: true } => row with { Status = "approved" },
                ApprovalDecided d => row with { Status = d.TimedOut ? "failed" : "rejected", Error = d.TimedOut ? "no approval in time" : d.Feedback },
                _ => row,
            };
        }

        return [.. agents.Select(a => rows[a])];
    }
}
