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
}
