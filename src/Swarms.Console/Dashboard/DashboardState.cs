using Swarms.Agents.Streaming;
using Swarms.Agents.Workflows;

namespace Swarms.Console.Dashboard;

/// <summary>
/// What the dashboard shows, built from the run's events alone (so the same dashboard can follow an in-process run,
/// a durable one or a replayed log), updated from the dispatcher and read by the one render loop. Every change bumps
/// <see cref="Version"/>, so the renderer draws a frame only when something changed (or a spinner turns).
/// </summary>
internal sealed class DashboardState
{
    private readonly Lock _gate = new();
    private readonly AgentRow[] _rows;
    private readonly Dictionary<string, AgentRow> _byName;
    private long _version;
    private DateTimeOffset? _runStarted;
    private DateTimeOffset? _runEnded;
    private string? _runStatus;
    private long _runTokens;

    public DashboardState(IReadOnlyList<string> agents)
    {
        _rows = [.. agents.Select(a => new AgentRow(a))];
        _byName = _rows.ToDictionary(r => r.Name, StringComparer.Ordinal);
    }

    public long Version => Interlocked.Read(ref _version);

    public int Count => _rows.Length;

    /// <summary>Applies one event; events of other agents are ignored.</summary>
    public void Apply(SwarmEvent evt)
    {
        lock (_gate)
        {
            if (evt is AgentEvent agentEvent)
            {
                if (!_byName.TryGetValue(agentEvent.Agent, out var row) || !ApplyToRow(row, evt))
                {
                    return;
                }
            }
            else
            {
                ApplyToRun(evt);
            }

            _version++;
        }
    }

    /// <summary>The run was cancelled: agents still going are marked so, with their text as it stood.</summary>
    public void Cancel(DateTimeOffset now)
    {
        lock (_gate)
        {
            foreach (var row in _rows)
            {
                if (row.Status is AgentStepStatus.Running or AgentStepStatus.Pending)
                {
                    row.Status = AgentStepStatus.Cancelled;
                    row.EndedAt ??= row.StartedAt is null ? null : now;
                }
            }

            _runStatus = "cancelled";
            _runEnded ??= now;
            _version++;
        }
    }

    public DashboardOutcome Outcome(string workflow, DateTimeOffset now)
    {
        lock (_gate)
        {
            int completed = _rows.Count(r => r.Status == AgentStepStatus.Completed);
            // A rejected agent is a person's decision, not a failure: the run still completed.
            int rejected = _rows.Count(r => r.Status == AgentStepStatus.Rejected);
            var status = _runStatus ?? (completed > 0 && completed + rejected == _rows.Length ? "completed" : "partially completed");
            long tokens = _runStatus is null || _runTokens == 0 ? _rows.Sum(r => r.Usage.TotalTokens) : _runTokens;
            var elapsed = _runStarted is { } s ? (_runEnded ?? now) - s : TimeSpan.Zero;
            return new DashboardOutcome(workflow, status, completed, _rows.Length, tokens, elapsed);
        }
    }

    /// <summary>Copies every row; <paramref name="tailChars"/> keeps only the end of long texts (0: all of it).</summary>
    public AgentRowView[] Snapshot(DateTimeOffset now, int tailChars)
    {
        lock (_gate)
        {
            var views = new AgentRowView[_rows.Length];
            for (int i = 0; i < _rows.Length; i++)
            {
                var row = _rows[i];
                var text = row.Text;
                string shown = tailChars > 0 && text.Length > tailChars ? text.ToString(text.Length - tailChars, tailChars) : text.ToString();
                views[i] = new AgentRowView(row.Name, row.Status, shown, row.OutputTokens, row.Usage, row.ElapsedAt(now), row.Error, row.FinishReason)
                {
                    ToolLines = row.Tools.Count == 0 ? [] : row.Tools.Lines,
                    ToolCalls = row.Tools.Calls,
                };
            }

            return views;
        }
    }

    /// <summary>True while some agent runs: its spinner and clock move even when no token arrives.</summary>
    public bool AnyRunning()
    {
        lock (_gate)
        {
            return _rows.Any(r => r.Status == AgentStepStatus.Running);
        }
    }

    private static bool ApplyToRow(AgentRow row, SwarmEvent evt)
    {
        switch (evt)
        {
            case AgentStarted started:
                row.Status = AgentStepStatus.Running;
                row.StartedAt ??= started.Timestamp;
                row.EndedAt = null;
                if (started.Attempt > 1 || started.Step > 1 || row.Text.Length > 0)
                {
                    // A retry restarts the answer; a new loop writes a new one.
                    row.Text.Clear();
                    row.Chunks = 0;
                }

                return true;
            case TextDelta delta:
                row.Text.Append(delta.Delta);
                row.Chunks++;
                return true;
            case AgentCompleted completed:
                row.Status = AgentStepStatus.Completed;
                row.Usage += completed.Usage;
                row.FinishReason = completed.FinishReason;
                row.Chunks = 0;
                row.Text.Clear().Append(completed.Output);
                row.EndedAt = completed.Timestamp;
                return true;
            case ApprovalRequested requested:
                row.Status = AgentStepStatus.WaitingForApproval;
                row.Error = $"waiting for approval until {requested.ExpiresAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC";
                return true;
            case ApprovalDecided { Approved: true }:
                row.Status = AgentStepStatus.Pending;
                row.Error = null;
                return true;
            case ApprovalDecided decided:
                row.Status = decided.TimedOut ? AgentStepStatus.Failed : AgentStepStatus.Rejected;
                row.Error = decided.TimedOut ? "no approval in time" : decided.Feedback is { Length: > 0 } f ? $"rejected: {f}" : "rejected";
                row.EndedAt = decided.Timestamp;
                return true;
            case AgentFailed { WillRetry: true } retrying:
                row.LastFailure = retrying.Error;
                return true;
            case ToolCall or ToolResult or ToolLimitReached:
                return row.Tools.Apply(evt);
            case AgentFailed failed:
                row.Status = failed.Error == InProcessAgentInvoker.CancelledByFailure ? AgentStepStatus.Cancelled : AgentStepStatus.Failed;
                row.Error = failed.Error;
                row.EndedAt = failed.Timestamp;
                return true;
            default:
                return false;
        }
    }

    private void ApplyToRun(SwarmEvent evt)
    {
        switch (evt)
        {
            case RunStarted started:
                _runStarted = started.Timestamp;
                break;
            case RunCompleted completed:
                _runEnded = completed.Timestamp;
                _runTokens = completed.Usage.TotalTokens;
                break;
            case RunFailed failed:
                _runEnded = failed.Timestamp;
                _runTokens = failed.Usage.TotalTokens;
                _runStatus = failed.Error == "Cancelled." ? "cancelled" : "failed";
                foreach (var row in _rows)
                {
                    if (row.Status == AgentStepStatus.Pending)
                    {
                        // A sequential run that failed never started the agents after the failing one.
                        row.Status = AgentStepStatus.Skipped;
                    }
                }

                break;
        }
    }
}
