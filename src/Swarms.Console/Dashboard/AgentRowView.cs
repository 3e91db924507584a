using Swarms.Agents.Streaming;
using Swarms.Agents.Workflows;

namespace Swarms.Agents.Dashboard;

/// <summary>A copy of one agent's state, taken under the lock, that the view renders without holding it.</summary>
internal sealed record AgentRowView(
    string Name, AgentStepStatus Status, string Text, long OutputTokens, TokenUsage Usage, TimeSpan Elapsed, string? Error);
