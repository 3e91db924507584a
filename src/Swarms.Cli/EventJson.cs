using System.Text.Json;
using System.Text.Json.Serialization;
using Swarms.Agents.Streaming;

namespace Swarms.Cli;

/// <summary>Writes events as NDJSON: one JSON object per line, with a <c>type</c> field, for piping into other tools.</summary>
internal sealed class EventJson(TextWriter output) : ISwarmEventSink
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        WriteIndented = false,
        // Tool arguments and answers as written ({"expression":"17 * 23"}), not with every quote as \u0022: still valid
        // JSON for any parser, and readable in a terminal. (Output goes to a pipe or file, never into HTML.)
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static readonly JsonSerializerOptions Indented = new(Options) { WriteIndented = true };

    public ValueTask OnEventAsync(SwarmEvent evt, CancellationToken cancellationToken)
    {
        output.WriteLine(JsonSerializer.Serialize(evt, Options));
        output.Flush();
        return default;
    }

    public ValueTask OnCompletedAsync(Exception? failure, CancellationToken cancellationToken) => default;
}
