using System.Text.Json;
using Swarms.Agents.Streaming;
using Swarms.Orchestration.RunLog;

namespace Swarms.Cli;

/// <summary>Writes events as NDJSON: one JSON object per line, with a <c>type</c> field, for piping into other tools.</summary>
internal sealed class EventJson(TextWriter output) : ISwarmEventSink
{
    /// <summary>The one JSON form of events (the run log's, SignalR's), so NDJSON lines and logged events are the same.</summary>
    public static readonly JsonSerializerOptions Options = SwarmEventJson.Options;

    public static readonly JsonSerializerOptions Indented = new(Options) { WriteIndented = true };

    public ValueTask OnEventAsync(SwarmEvent evt, CancellationToken cancellationToken)
    {
        output.WriteLine(JsonSerializer.Serialize(evt, Options));
        output.Flush();
        return default;
    }

    public ValueTask OnCompletedAsync(Exception? failure, CancellationToken cancellationToken) => default;
}
