using System.Text;
using Swarms.Agents.Streaming;
using Swarms.Agents.Workflows;

namespace Swarms.Console.Dashboard;

/// <summary>
/// The dashboard when output is not a terminal: whole lines, each prefixed with its agent's name, no escape
/// sequences. Streaming text is written a line at a time, so agents running at once never split each other's lines.
/// Token counts say what they count: an agent's line gives its output tokens, the summary line the run's total.
/// </summary>
internal sealed class PlainProgressWriter(TextWriter writer, DashboardState state, TimeProvider time)
{
    private readonly Dictionary<string, StringBuilder> _pending = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _failures = new(StringComparer.Ordinal);
    private readonly HashSet<string> _written = new(StringComparer.Ordinal);

    public void OnEvent(SwarmEvent evt)
    {
        switch (evt)
        {
            case RunStarted started:
                writer.WriteLine($"{started.Workflow}: {DashboardView.Count(started.Agents.Count, "agent")} ({string.Join(", ", started.Agents)})");
                break;
            case ApprovalRequested requested:
                writer.WriteLine($"[{requested.Agent}] waiting for approval until {requested.ExpiresAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC");
                break;
            case ApprovalDecided decided:
                writer.WriteLine(decided.Approved ? $"[{decided.Agent}] approved"
                    : decided.TimedOut ? $"[{decided.Agent}] failed: no approval in time"
                    : $"[{decided.Agent}] rejected{(decided.Feedback is { Length: > 0 } f ? ": " + f : "")}");
                break;
            case AgentFailed { WillRetry: true } retrying:
                _failures[retrying.Agent] = retrying.Error;
                break;
            case AgentStarted { Attempt: > 1 } retry:
                var cut = Pending(retry.Agent);
                bool restarts = cut.Length > 0 || HadText(retry.Agent);
                cut.Clear();
                _written.Remove(retry.Agent);
                var cause = _failures.GetValueOrDefault(retry.Agent, "failed");
                writer.WriteLine(restarts
                    ? $"[{retry.Agent}] attempt {retry.Attempt - 1} failed ({cause}); attempt {retry.Attempt} restarts the answer"
                    : $"[{retry.Agent}] attempt {retry.Attempt - 1} failed ({cause}); retrying (attempt {retry.Attempt})");
                break;
            case AgentStarted started:
                writer.WriteLine(started.Step > 1 ? $"[{started.Agent}] loop {started.Step}" : $"[{started.Agent}] started");
                break;
            case TextDelta delta:
                _written.Add(delta.Agent);
                var line = Pending(delta.Agent).Append(delta.Delta);
                WriteCompleteLines(delta.Agent, line);
                break;
            case ToolCall call:
                FlushLine(call.Agent);
                writer.WriteLine($"[{call.Agent}] {ToolText.Call(call)}");
                break;
            case ToolResult result:
                writer.WriteLine($"[{result.Agent}] ⚙ {result.Name} {ToolText.Result(result)}");
                break;
            case ToolLimitReached limit:
                writer.WriteLine($"[{limit.Agent}] {ToolText.Limit(limit)}");
                break;
            case AgentCompleted completed:
                FlushLine(completed.Agent);
                var row = state.Snapshot(time.GetUtcNow(), 1).First(r => r.Name == completed.Agent);
                writer.WriteLine($"[{completed.Agent}] {row.StatusWord} · {DashboardView.Count(completed.Usage.OutputTokens, "output token")} · {DashboardView.Seconds(row.Elapsed)}");
                break;
            case AgentFailed failed:
                FlushLine(failed.Agent);
                writer.WriteLine(failed.Error == InProcessAgentInvoker.CancelledByFailure
                    ? $"[{failed.Agent}] cancelled: another agent failed"
                    : $"[{failed.Agent}] failed: {failed.Error}");
                break;
        }

        if (evt is AgentStarted { Attempt: 1 } s)
        {
            _written.Remove(s.Agent);
        }

        writer.Flush();
    }

    /// <summary>The run was cancelled: each agent's unfinished line as it stood, then the word.</summary>
    public void WriteCancelled()
    {
        foreach (var agent in _pending.Keys.ToList())
        {
            FlushLine(agent);
        }

        writer.WriteLine("cancelled");
        writer.Flush();
    }

    /// <summary>Writes the closing summary: one line per agent and the run's outcome.</summary>
    public void WriteSummary(DashboardOutcome outcome, AgentRowView[] rows)
    {
        writer.WriteLine("Summary:");
        foreach (var row in rows)
        {
            writer.WriteLine($"  {row.Name}: {row.StatusWord} · {DashboardView.Number(row.Usage.InputTokens)} input / " +
                $"{DashboardView.Number(row.Usage.OutputTokens)} output tokens · {DashboardView.Seconds(row.Elapsed)}");
        }

        writer.WriteLine(outcome.ToString());
        writer.Flush();
    }

    private bool HadText(string agent) => _written.Contains(agent);

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
