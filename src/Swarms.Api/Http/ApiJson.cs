using System.Text.Json;
using System.Text.Json.Serialization;

namespace Swarms.Api.Http;

/// <summary>The JSON settings of every response body: camelCase, enums as strings, nulls kept (the Durable shapes have them).</summary>
public static class ApiJson
{
    /// <summary>The options.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
