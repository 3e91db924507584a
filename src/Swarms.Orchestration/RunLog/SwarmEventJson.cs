using System.Text.Json;
using System.Text.Json.Serialization;
using Swarms.Agents.Streaming;

namespace Swarms.Orchestration.RunLog;

/// <summary>
/// The one JSON form of an event, the same everywhere: the run log stores it, the CLI's <c>--json</c> lines print it,
/// and the SignalR and SSE endpoints send it (DESIGN.md §6): camelCase fields, a <c>type</c> discriminator first,
/// enums as kebab-case strings.
/// </summary>
public static class SwarmEventJson
{
    /// <summary>The serializer options of the form.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        WriteIndented = false,
        // Tool arguments and answers as written ({"expression":"17 * 23"}), not with every quote as \u0022: still valid
        // JSON for any parser, and readable in a terminal and the run log. (Never put into HTML unencoded.)
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The event as one line of JSON.</summary>
    public static string Serialize(SwarmEvent evt) => JsonSerializer.Serialize(evt, Options);

    /// <summary>The event as UTF-8 JSON.</summary>
    public static byte[] SerializeToUtf8Bytes(SwarmEvent evt) => JsonSerializer.SerializeToUtf8Bytes(evt, Options);

    /// <summary>Reads an event written by <see cref="Serialize"/>.</summary>
    /// <exception cref="JsonException">Not an event.</exception>
    public static SwarmEvent Deserialize(string json) =>
        JsonSerializer.Deserialize<SwarmEvent>(json, Options) ?? throw new JsonException("null is not an event.");

    /// <summary>Reads an event written by <see cref="SerializeToUtf8Bytes"/>.</summary>
    /// <exception cref="JsonException">Not an event.</exception>
    public static SwarmEvent Deserialize(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize<SwarmEvent>(utf8Json, Options) ?? throw new JsonException("null is not an event.");
}
