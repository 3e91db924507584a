using System.Text.Json;
using System.Text.Json.Serialization;
using Swarms.Agents.Streaming;

namespace Swarms.Cli;

/// <summary>Writes events as NDJSON: one JSON object per line, with a <c>type</c> field, for piping into other tools.</summary>
internal static class EventJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        WriteIndented = false,
    };

    public static readonly JsonSerializerOptions Indented = new(Options) { WriteIndented = true };

    public static Action<SwarmEvent> Writer(TextWriter output) => evt =>
    {
        output.WriteLine(JsonSerializer.Serialize(evt, Options));
        output.Flush();
    };
}
