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
    public string? SystemPrompt => Messages.FirstOrDefault(m => m?["role"]?.GetValue<string>() == "system")?["content"] is { } c ? Text(c) : null;

    /// <summary>The last user message's text (what the agent was asked).</summary>
    public string? UserPrompt => Messages.LastOrDefault(m => m?["role"]?.GetValue<string>() == "user")?["content"] is { } c ? Text(c) : null;

    /// <summary>A message's content: a string, or the text parts of a content array.</summary>
    private static string Text(JsonNode content) => content is JsonValue v
        ? v.GetValue<string>()
        : string.Concat(content.AsArray().Select(p => p?["text"]?.GetValue<string>()));
}
