using Swarms.Agents.Streaming;
using Swarms.Agents.Workflows;

namespace Swarms.Agents.Dashboard;

/// <summary>
/// What the dashboard shows, updated by events from any thread and read by the one renderer. Every change bumps
/// <see cref="Version"/>, so the renderer draws a frame only when something changed (or a spinner turns).
/// </summary>
internal sealed class DashboardState
{
    private readonly Lock _gate = new();
    private readonly AgentRow[] _rows;
    private readonly Dictionary<string, AgentRow> _byName;
    private long _version;

    public DashboardState(IReadOnlyList<string> agents)
    {
        _rows = [.. agents.Select(a => new AgentRow(a))];
        _byName = _rows.ToDictionary(r => r.Name, StringComparer.Ordinal);
    }

    public long Version => Interlocked.Read(ref _version);

    public int Count => _rows.Length;

    /// <summary>Applies one event of one of the dashboard's agents; other events are ignored.</summary>
    public void Apply(SwarmEvent evt)
    {
        if (evt is not AgentEvent agentEvent)
        {
            return;
        }

        lock (_gate)
        {
            if (!_byName.TryGetValue(agentEvent.Agent, out var row))
            {
                return;
            }

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

                    break;
                case TextDelta delta:
                    row.Text.Append(delta.Delta);
                    row.Chunks++;
                    break;
                case AgentCompleted completed:
                    row.Status = AgentStepStatus.Completed;
                    row.Usage += completed.Usage;
                    row.Chunks = 0;
                    row.Text.Clear().Append(completed.Output);
                    row.EndedAt = completed.Timestamp;
                    break;
                case AgentFailed { WillRetry: false } failed:
                    row.Status = failed.Error == InProcessAgentInvoker.CancelledByFailure ? AgentStepStatus.Cancelled : AgentStepStatus.Failed;
                    row.Error = failed.Error;
                    row.EndedAt = failed.Timestamp;
                    break;
                default:
                    return;
            }

            _version++;
        }
    }

    /// <summary>Takes the workflow's final word on every agent: status, output, usage and exact timing.</summary>
    public void Apply(WorkflowResult result)
    {
        lock (_gate)
        {
            foreach (var r in result.Agents)
            {
                if (!_byName.TryGetValue(r.Agent, out var row))
                {
                    continue;
                }

                row.Status = r.Status;
                row.Usage = r.Usage;
                row.Elapsed = r.Elapsed;
                row.Error = r.Error;
                if (r.Status == AgentStepStatus.Completed)
                {
                    row.Text.Clear().Append(r.Output);
                }
            }

            _version++;
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
                views[i] = new AgentRowView(row.Name, row.Status, shown, row.OutputTokens, row.Usage, row.ElapsedAt(now), row.Error);
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
}
