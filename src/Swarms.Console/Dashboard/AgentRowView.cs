using Swarms.Agents.Streaming;
using Swarms.Agents.Workflows;

namespace Swarms.Console.Dashboard;

/// <summary>A copy of one agent's state, taken under the lock, that the view renders without holding it.</summary>
internal sealed record AgentRowView(
    string Name, AgentStepStatus Status, string Text, long OutputTokens, TokenUsage Usage, TimeSpan Elapsed, string? Error, string? FinishReason)
{
    /// <summary>Its tool activity, one line per call (with the result once it came).</summary>
    public IReadOnlyList<string> ToolLines { get; init; } = [];

    /// <summary>How many tools it called.</summary>
    public int ToolCalls { get; init; }

    /// <summary>What the agent's status says: <c>stopped: max tokens</c> for an answer cut by its token limit.</summary>
    public string StatusWord => Status switch
    {
        AgentStepStatus.Completed when FinishReason == "length" => "stopped: max tokens",
        AgentStepStatus.WaitingForApproval => "waiting for approval",
        _ => Status.ToString().ToLowerInvariant(),
    };
}
