using System.Buffers;
using System.Text.Json;

namespace Swarms.SignalR;

/// <summary>
/// The body of a REST send: <c>{"target":"events","arguments":[...]}</c>, the JSON the Management SDK's payload
/// builder writes for an invocation.
/// </summary>
internal static class InvocationBody
{
    /// <summary>Serialises an invocation to UTF-8 JSON.</summary>
    /// <param name="target">The client method.</param>
    /// <param name="arguments">The arguments; each serialised as its runtime type.</param>
    /// <param name="options">The serializer options.</param>
    /// <returns>The body.</returns>
    public static byte[] Serialize(string target, IReadOnlyList<object?> arguments, JsonSerializerOptions options)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("target", target);
            writer.WriteStartArray("arguments");
            foreach (var argument in arguments)
            {
                JsonSerializer.Serialize(writer, argument, options);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
