using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Swarms.Agents.Streaming;
using Swarms.Agents.Tools;

namespace Swarms.Agents;

/// <summary>What one model call (one attempt of one loop) has produced so far, and its events.</summary>
internal sealed class ModelCall(string agent, int attempt, EventStamp stamp)
{
    /// <summary>Tool arguments and results as compact JSON (the AI defaults indent), as a model sends them.</summary>
    private static readonly JsonSerializerOptions CompactJson = new(AIJsonUtilities.DefaultOptions) { WriteIndented = false };

    public string Agent => agent;

    public int Attempt => attempt;

    public EventStamp Stamp => stamp;

    public StringBuilder Text { get; } = new();

    /// <summary>Usage of this call; a call with tools sums the usage of each of its model turns.</summary>
    public TokenUsage? Usage { get; set; }

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
                return ToolCall(call, null);
            case FunctionResultContent result:
                // A result the provider ran itself (a hosted tool), not one of the agent's tools.
                return stamp.ToolResult(agent, result.CallId, "", ToolInvoker.ToText(result.Result));
            case UsageContent usage:
                var d = usage.Details;
                long input = d.InputTokenCount ?? 0, output = d.OutputTokenCount ?? 0;
                var turn = new TokenUsage(input, output, d.TotalTokenCount ?? input + output);
                Usage = Usage is null ? turn : Usage + turn;
                return null;
            default:
                return null;
        }
    }

    /// <summary>
    /// The event of a tool call. Arguments that did not parse (Microsoft.Extensions.AI then keeps no text, only the
    /// exception) are shown as the model sent them when <paramref name="raw"/> has them, with the reason.
    /// </summary>
    public ToolCall ToolCall(FunctionCallContent call, string? raw)
    {
        if (call.Exception is { } failure && !ToolLoop.IsNoArguments(failure))
        {
            return stamp.ToolCall(agent, call.CallId, call.Name, raw ?? "", $"not valid JSON: {ToolInvoker.DescribeArgumentsError(failure)}");
        }

        return stamp.ToolCall(agent, call.CallId, call.Name,
            call.Arguments is null ? "{}" : JsonSerializer.Serialize(call.Arguments, CompactJson));
    }
}
