using System.Text;
using Swarms.Agents.Streaming;
using Swarms.Agents.Workflows;

namespace Swarms.Agents.Dashboard;

/// <summary>
/// The dashboard when output is not a terminal: whole lines, each prefixed with its agent's name, no escape
/// sequences. Streaming text is written a line at a time, so agents running at once never split each other's lines.
/// </summary>
internal sealed class PlainProgressWriter(TextWriter writer, DashboardState state, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, StringBuilder> _pending = new(StringComparer.Ordinal);

    public void OnEvent(SwarmEvent evt)
    {
        lock (_gate)
        {
            switch (evt)
            {
                case RunStarted started:
                    writer.WriteLine($"{started.Workflow}: {started.Agents.Count} agents ({string.Join(", ", started.Agents)})");
                    break;
                case AgentStarted { Attempt: > 1 } retry:
                    Pending(retry.Agent).Clear();
                    writer.WriteLine($"[{retry.Agent}] retrying (attempt {retry.Attempt}), restarting the answer");
                    break;
                case AgentStarted started:
                    writer.WriteLine(started.Step > 1 ? $"[{started.Agent}] loop {started.Step}" : $"[{started.Agent}] started");
                    break;
                case TextDelta delta:
                    var line = Pending(delta.Agent).Append(delta.Delta);
                    WriteCompleteLines(delta.Agent, line);
                    break;
                case AgentCompleted completed:
                    FlushLine(completed.Agent);
                    var row = state.Snapshot(time.GetUtcNow(), 1).First(r => r.Name == completed.Agent);
                    writer.WriteLine($"[{completed.Agent}] completed · {DashboardView.Number(completed.Usage.TotalTokens)} tokens · {DashboardView.Seconds(row.Elapsed)}");
                    break;
                case AgentFailed { WillRetry: false } failed:
                    FlushLine(failed.Agent);
                    writer.WriteLine(failed.Error == InProcessAgentInvoker.CancelledByFailure
                        ? $"[{failed.Agent}] cancelled: another agent failed"
                        : $"[{failed.Agent}] failed: {failed.Error}");
                    break;
            }

            writer.Flush();
        }
    }

    /// <summary>Writes the closing summary: one line per agent and the run's outcome.</summary>
    public void WriteSummary(WorkflowResult result, AgentRowView[] rows)
    {
        lock (_gate)
        {
            writer.WriteLine("Summary:");
            foreach (var row in rows)
            {
                writer.WriteLine($"  {row.Name}: {DashboardView.StatusWord(row.Status)} · {DashboardView.Number(row.Usage.InputTokens)} input / " +
                    $"{DashboardView.Number(row.Usage.OutputTokens)} output tokens · {DashboardView.Seconds(row.Elapsed)}");
            }

            writer.WriteLine(DashboardView.SummaryLine(result));
            writer.Flush();
        }
    }

    private StringBuilder Pending(string agent)
    {
        if (!_pending.TryGetValue(agent, out var sb))
        {
            _pending[agent] = sb = new StringBuilder();
        }

        return sb;
    }

    private void WriteCompleteLines(string agent, StringBuilder buffer)
    {
        int start = 0;
        for (int i = 0; i < buffer.Length; i++)
        {
            if (buffer[i] == '\n')
            {
                WriteLine(agent, buffer.ToString(start, i - start));
                start = i + 1;
            }
        }

        buffer.Remove(0, start);
    }

    private void FlushLine(string agent)
    {
        var buffer = Pending(agent);
        WriteLine(agent, buffer.ToString());
        buffer.Clear();
    }

    private void WriteLine(string agent, string text)
    {
        text = text.TrimEnd('\r');
        if (text.Trim().Length > 0)
        {
            writer.WriteLine($"[{agent}] {text}");
        }
    }
}
