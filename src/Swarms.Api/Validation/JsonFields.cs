using System.Text.Json;

namespace Swarms.Api.Validation;

/// <summary>
/// Reads the fields of a JSON request or message, failing with an <see cref="ApiProblemException"/> that names the field by
/// its JSON path. Unknown fields are refused, so a typo (<c>"taks"</c>) never silently drops a value.
/// </summary>
internal static class JsonFields
{
    public static void Object(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw ApiProblemException.BadRequest(path, $"must be a JSON object, not {Describe(element.ValueKind)}");
        }
    }

    public static void OnlyKnown(JsonElement obj, string path, params string[] known)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (Array.IndexOf(known, property.Name) < 0)
            {
                throw ApiProblemException.BadRequest(Join(path, property.Name), $"is not a known field (known: {string.Join(", ", known)})");
            }
        }
    }

    public static string RequiredString(JsonElement obj, string name, string path, int maxLength)
    {
        var field = Join(path, name);
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            throw ApiProblemException.BadRequest(field, "is required");
        }

        var text = String(value, field, maxLength);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw ApiProblemException.BadRequest(field, "must not be empty");
        }

        return text;
    }

    public static string? OptionalString(JsonElement obj, string name, string path, int maxLength)
    {
        var field = Join(path, name);
        return obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? String(value, field, maxLength) : null;
    }

    public static JsonElement Required(JsonElement obj, string name, string path)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            throw ApiProblemException.BadRequest(Join(path, name), "is required");
        }

        return value;
    }

    public static string Join(string path, string name) => path + "." + name;

    private static string String(JsonElement value, string field, int maxLength)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            throw ApiProblemException.BadRequest(field, $"must be a string, not {Describe(value.ValueKind)}");
        }

        var text = value.GetString()!;
        if (text.Length > maxLength)
        {
            throw ApiProblemException.BadRequest(field, $"is {text.Length:N0} characters long; the limit is {maxLength:N0}");
        }

        return text;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
