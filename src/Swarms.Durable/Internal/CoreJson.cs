using DurableTask.Core.Serializing;

namespace Swarms.Durable.Internal;

/// <summary>
/// DurableTask.Core's own JSON form (<see cref="JsonDataConverter.Default"/>: Newtonsoft.Json with type names), used
/// for every stored history event, task message and orchestration state so that every event type and field,
/// tags and sub-orchestration events included, round-trips exactly as DurableTask.Core wrote it.
/// </summary>
internal static class CoreJson
{
    public static string Serialize(object value) => JsonDataConverter.Default.Serialize(value);

    public static T Deserialize<T>(string json) => JsonDataConverter.Default.Deserialize<T>(json);
}
