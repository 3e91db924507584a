using System.Text.Json.Nodes;

namespace Swarms.Agents.Tests.Fakes;

/// <summary>A request <see cref="ChatCompletionsServer"/> received: when, where, with which headers and body.</summary>
public sealed record RecordedRequest(DateTimeOffset ReceivedAt, string Path, string Query, IReadOnlyDictionary<string, string> Headers, JsonObject Body)
{
    public string? Model => Body["model"]?.GetValue<string>();

    public JsonArray Messages => Body["messages"]?.AsArray() ?? [];

    public int? MaxTokens => (Body["max_completion_tokens"] ?? Body["max_tokens"])?.GetValue<int>();

    public double? Temperature => Body["temperature"]?.GetValue<double>();

    public bool IncludeUsage => Body["stream_options"]?["include_usage"]?.GetValue<bool>() == true;

    public bool Stream => Body["stream"]?.GetValue<bool>() == true;

    /// <summary>The system message's text (which agent asks, in a swarm), or null.</summary>
    public string? SystemPrompt => Messages.FirstOrDefault(m => m?["role"]?.GetValue<string>() == "system")?["content"] is { } c ? ContentText(c) : null;

    /// <summary>The last user message's text (what the agent was asked).</summary>
    public string? UserPrompt => Messages.LastOrDefault(m => m?["role"]?.GetValue<string>() == "user")?["content"] is { } c ? ContentText(c) : null;

    /// <summary>The names of the tools the request offers (<c>tools[].function.name</c>); empty when it offers none.</summary>
    public IReadOnlyList<string> ToolNames =>
        [.. (Body["tools"]?.AsArray() ?? []).Select(t => t!["function"]!["name"]!.GetValue<string>())];

    /// <summary>The roles of the messages, in order.</summary>
    public IReadOnlyList<string> Roles => [.. Messages.Select(m => m!["role"]!.GetValue<string>())];

    /// <summary>The <c>tool</c> messages: the call each answers and its content.</summary>
    public IReadOnlyList<(string CallId, string Content)> ToolMessages =>
        [.. Messages.Where(m => m!["role"]!.GetValue<string>() == "tool")
            .Select(m => (m!["tool_call_id"]!.GetValue<string>(), ContentText(m!["content"])))];

    /// <summary>A message's content as text: a string, or the text parts of an array of parts.</summary>
    private static string ContentText(JsonNode? content) => content switch
    {
        JsonValue v => v.GetValue<string>(),
        JsonArray parts => string.Concat(parts.Select(p => p?["text"]?.GetValue<string>() ?? "")),
        _ => "",
    };
}
