using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Swarms.Orchestration.Tools;

/// <summary>
/// One message of a durable agent's conversation, as the orchestrator keeps it between activities (plain data, so it
/// round-trips through the orchestration's history): the system prompt, the task, each model turn's text and tool calls,
/// each round's tool results.
/// </summary>
/// <param name="Role"><c>system</c>, <c>user</c>, <c>assistant</c> or <c>tool</c>.</param>
/// <param name="Text">The text; empty for a tool message.</param>
public sealed record DurableMessage(string Role, string Text)
{
    /// <summary>An assistant message's tool calls.</summary>
    public IReadOnlyList<DurableToolCall> ToolCalls { get; init; } = [];

    /// <summary>A tool message's results, one per call of the turn before it.</summary>
    public IReadOnlyList<DurableToolResult> Results { get; init; } = [];

    /// <summary>A system message.</summary>
    public static DurableMessage System(string text) => new("system", text);

    /// <summary>A user message.</summary>
    public static DurableMessage User(string text) => new("user", text);

    /// <summary>A model turn that asked for tools.</summary>
    public static DurableMessage Assistant(string text, IReadOnlyList<DurableToolCall> calls) => new("assistant", text) { ToolCalls = calls };

    /// <summary>The results of one round of tool calls.</summary>
    public static DurableMessage Tool(IReadOnlyList<DurableToolResult> results) => new("tool", "") { Results = results };

    /// <summary>The conversation as Microsoft.Extensions.AI messages, for the chat client.</summary>
    public static List<ChatMessage> ToChatMessages(IEnumerable<DurableMessage> conversation)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        var messages = new List<ChatMessage>();
        foreach (var m in conversation)
        {
            switch (m.Role)
            {
                case "system":
                    messages.Add(new ChatMessage(ChatRole.System, m.Text));
                    break;
                case "user":
                    messages.Add(new ChatMessage(ChatRole.User, m.Text));
                    break;
                case "assistant":
                    var contents = new List<AIContent>();
                    if (m.Text.Length > 0)
                    {
                        contents.Add(new TextContent(m.Text));
                    }

                    contents.AddRange(m.ToolCalls.Select(c => (AIContent)new FunctionCallContent(c.CallId, c.Name, c.ParsedArguments())));
                    messages.Add(new ChatMessage(ChatRole.Assistant, contents));
                    break;
                case "tool":
                    messages.Add(new ChatMessage(ChatRole.Tool, [.. m.Results.Select(r => (AIContent)new FunctionResultContent(r.CallId, r.Result))]));
                    break;
                default:
                    throw new ArgumentException($"Unknown message role '{m.Role}'.", nameof(conversation));
            }
        }

        return messages;
    }
}

/// <summary>A tool call a model turn asked for.</summary>
/// <param name="CallId">The model's id for the call (its result answers this id).</param>
/// <param name="Name">The tool.</param>
/// <param name="Arguments">The arguments as JSON text (as the model sent them when they are not valid JSON).</param>
public sealed record DurableToolCall(string CallId, string Name, string Arguments)
{
    /// <summary>Why <see cref="Arguments"/> cannot be used (not valid JSON): the tool is then not run; null when they are fine.</summary>
    public string? ArgumentsError { get; init; }

    /// <summary>The arguments as a dictionary (null when they are not valid JSON).</summary>
    internal Dictionary<string, object?>? ParsedArguments()
    {
        if (ArgumentsError is not null || string.IsNullOrWhiteSpace(Arguments))
        {
            return ArgumentsError is null ? [] : null;
        }

        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, object?>>(Arguments, AIJsonUtilities.DefaultOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>A tool call's result, as the model is given it.</summary>
/// <param name="CallId">The call it answers.</param>
/// <param name="Name">The tool.</param>
/// <param name="Result">The text the model is given (the tool's result, or the error it may act on).</param>
/// <param name="IsError">True when the tool failed, was not found, was not run, or was interrupted.</param>
public sealed record DurableToolResult(string CallId, string Name, string Result, bool IsError);
