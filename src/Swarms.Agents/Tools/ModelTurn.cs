using Microsoft.Extensions.AI;
using Swarms.Agents.Streaming;

namespace Swarms.Agents.Tools;

/// <summary>
/// One model turn of an agent, for an orchestrator that drives the tool loop itself (the durable runs: each model
/// turn and each tool call its own activity, so a re-delivered activity never repeats a completed tool). The agent
/// streams the model's answer to <see cref="Conversation"/> without running any tool; the orchestrator runs the
/// <see cref="ToolCalls"/> by name (<see cref="Agent.InvokeToolAsync"/> or <see cref="ToolRegistry.InvokeAsync"/>), adds
/// their results (<see cref="AddResults"/>) and asks for the next turn, until a turn has no tool calls.
/// </summary>
internal sealed class ModelTurn(List<ChatMessage> conversation)
{
    /// <summary>The whole conversation (system prompt, task, earlier turns and tool results); the turn's answer is appended.</summary>
    public List<ChatMessage> Conversation { get; } = conversation;

    /// <summary>Offer the agent's tools to the model (false: the last turn, when the tool budget is used up).</summary>
    public bool OfferTools { get; init; } = true;

    /// <summary>The tool calls the model asked for in this turn (none: the turn is the answer).</summary>
    public IReadOnlyList<FunctionCallContent> ToolCalls { get; internal set; } = [];

    /// <summary>The text the model wrote in this turn.</summary>
    public string Text { get; internal set; } = "";

    /// <summary>The turn's finish reason (<c>stop</c>, <c>tool_calls</c>, <c>length</c>).</summary>
    public string? FinishReason { get; internal set; }

    /// <summary>The turn's token usage (counted when the provider reports none).</summary>
    public TokenUsage Usage { get; internal set; } = TokenUsage.Zero;

    /// <summary>The model that answered.</summary>
    public string? Model { get; internal set; }

    /// <summary>Adds the results of this turn's tool calls to the conversation, in one tool message.</summary>
    public void AddResults(IEnumerable<(string CallId, ToolInvocationResult Result)> results) =>
        Conversation.Add(new ChatMessage(ChatRole.Tool, [.. results.Select(r => (AIContent)new FunctionResultContent(r.CallId, r.Result.Result))]));
}
