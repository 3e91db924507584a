using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Swarms.Agents.Streaming;

namespace Swarms.Agents;

/// <summary>What one model call (one attempt of one loop) has produced so far, and its events.</summary>
internal sealed class ModelCall(string agent, int attempt, EventStamp stamp)
{
    /// <summary>Tool arguments and results as compact JSON (the AI defaults indent), as a model sends them.</summary>
    private static readonly JsonSerializerOptions CompactJson = new(AIJsonUtilities.DefaultOptions) { WriteIndented = false };

    public StringBuilder Text { get; } = new();

    public TokenUsage? Usage { get; private set; }

    public string? FinishReason { get; set; }

    /// <summary>Turns one piece of model output into its event, stamped; null for content with no event.</summary>
    public SwarmEvent? Map(AIContent content)
    {
        switch (content)
        {
            case TextContent text when text.Text.Length > 0:
                Text.Append(text.Text);
                return stamp.TextDelta(agent, attempt, text.Text);
            case TextReasoningContent reasoning when reasoning.Text.Length > 0:
                return stamp.ReasoningDelta(agent, attempt, reasoning.Text);
            case FunctionCallContent call:
                return stamp.ToolCall(agent, call.CallId, call.Name,
                    call.Arguments is null ? "{}" : JsonSerializer.Serialize(call.Arguments, CompactJson));
            case FunctionResultContent result:
                return stamp.ToolResult(agent, result.CallId,
                    result.Result is string s ? s : JsonSerializer.Serialize(result.Result, CompactJson));
            case UsageContent usage:
                var d = usage.Details;
                long input = d.InputTokenCount ?? 0, output = d.OutputTokenCount ?? 0;
                Usage = new TokenUsage(input, output, d.TotalTokenCount ?? input + output);
                return null;
            default:
                return null;
        }
    }
}
