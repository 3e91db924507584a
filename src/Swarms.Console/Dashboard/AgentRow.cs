using System.Text;
using Swarms.Agents.Streaming;
using Swarms.Agents.Workflows;

namespace Swarms.Console.Dashboard;

/// <summary>The dashboard's live state of one agent. Guarded by <see cref="DashboardState"/>'s lock.</summary>
internal sealed class AgentRow(string name)
{
    public string Name { get; } = name;

    public AgentStepStatus Status { get; set; } = AgentStepStatus.Pending;

    public StringBuilder Text { get; } = new();

    /// <summary>Text chunks of the current attempt: the token count shown while the agent streams.</summary>
    public int Chunks { get; set; }

    /// <summary>Usage of the agent's finished loops.</summary>
    public TokenUsage Usage { get; set; } = TokenUsage.Zero;

    /// <summary>Why its last model call stopped (<c>length</c>: it hit its max tokens).</summary>
    public string? FinishReason { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public string? Error { get; set; }

    /// <summary>Its tool calls and results, one line each.</summary>
    public ToolLines Tools { get; } = new();

    /// <summary>The cause of the last failed attempt, shown with the retry that follows it.</summary>
    public string? LastFailure { get; set; }

    /// <summary>Output tokens so far: exact once the agent finished, counted chunks while it streams (and where a cancel left it).</summary>
    public long OutputTokens => Status is AgentStepStatus.Running or AgentStepStatus.Cancelled ? Usage.OutputTokens + Chunks : Usage.OutputTokens;

    public TimeSpan ElapsedAt(DateTimeOffset now) => StartedAt is { } s ? (EndedAt ?? now) - s : TimeSpan.Zero;
}
