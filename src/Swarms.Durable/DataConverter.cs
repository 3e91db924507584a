using System.Text.Json;

namespace Swarms.Durable;

/// <summary>
/// Serializes inputs, outputs, custom status and event payloads. JSON with web defaults (camelCase),
/// the same shape Durable Task's default converter produces.
/// </summary>
public static class DataConverter
{
    /// <summary>The serializer options used for all payloads.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);

    /// <summary>Serializes a value; <see langword="null"/> stays <see langword="null"/>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The JSON text.</returns>
    public static string? Serialize(object? value) =>
        value is null ? null : JsonSerializer.Serialize(value, value.GetType(), Options);

    /// <summary>Deserializes JSON text into <paramref name="type"/>.</summary>
    /// <param name="json">The JSON text, or <see langword="null"/>.</param>
    /// <param name="type">The target type.</param>
    /// <returns>The value, or <see langword="null"/> for null input.</returns>
    public static object? Deserialize(string? json, Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return json is null ? null : JsonSerializer.Deserialize(json, type, Options);
    }

    /// <summary>Deserializes JSON text into <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The target type.</typeparam>
    /// <param name="json">The JSON text, or <see langword="null"/>.</param>
    /// <returns>The value, or default for null input.</returns>
    public static T? Deserialize<T>(string? json) =>
        json is null ? default : JsonSerializer.Deserialize<T>(json, Options);
}
