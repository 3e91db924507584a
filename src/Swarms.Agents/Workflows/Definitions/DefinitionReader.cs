using System.Text.Json;

namespace Swarms.Agents.Workflows.Definitions;

/// <summary>Reads typed fields from a JSON object and fails with the field's JSON path and the problem.</summary>
internal sealed class DefinitionReader(string source)
{
    public SwarmDefinitionException Error(string path, string problem) => new(source, path, problem);

    /// <summary>Rejects fields the schema does not know: a typo should fail loudly, not be ignored.</summary>
    public void OnlyKnown(JsonElement obj, string path, params string[] known)
    {
        foreach (var p in obj.EnumerateObject())
        {
            if (!known.Contains(p.Name, StringComparer.Ordinal))
            {
                throw Error($"{path}.{p.Name}", $"unknown field; expected one of: {string.Join(", ", known)}");
            }
        }
    }

    public JsonElement Object(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.Object ? element : throw Error(path, $"must be an object, not {Describe(element)}");

    public string RequiredString(JsonElement obj, string name, string path)
    {
        var value = OptionalString(obj, name, path);
        return string.IsNullOrWhiteSpace(value) ? throw Error($"{path}.{name}", value is null ? "is required" : "must not be empty") : value;
    }

    public string? OptionalString(JsonElement obj, string name, string path)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return v.ValueKind == JsonValueKind.String ? v.GetString() : throw Error($"{path}.{name}", $"must be a string, not {Describe(v)}");
    }

    public int? OptionalInt(JsonElement obj, string name, string path, int min)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out int n))
        {
            throw Error($"{path}.{name}", $"must be a whole number, not {Describe(v)}");
        }

        return n >= min ? n : throw Error($"{path}.{name}", $"must be {min} or more, not {n}");
    }

    public bool? OptionalBool(JsonElement obj, string name, string path)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : throw Error($"{path}.{name}", $"must be true or false, not {Describe(v)}");
    }

    /// <summary>A duration written as <c>hh:mm:ss</c> (or <c>d.hh:mm:ss</c>), greater than zero.</summary>
    public TimeSpan? OptionalDuration(JsonElement obj, string name, string path)
    {
        var text = OptionalString(obj, name, path);
        if (text is null)
        {
            return null;
        }

        return TimeSpan.TryParseExact(text.Trim(), ["c", "g"], System.Globalization.CultureInfo.InvariantCulture, out var value) && value > TimeSpan.Zero
            ? value
            : throw Error($"{path}.{name}", $"'{text}' is not a positive duration; write hh:mm:ss, e.g. \"00:30:00\", or d.hh:mm:ss");
    }

    public double? OptionalNumber(JsonElement obj, string name, string path, double min, double max)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.Number)
        {
            throw Error($"{path}.{name}", $"must be a number, not {Describe(v)}");
        }

        double d = v.GetDouble();
        return d >= min && d <= max ? d : throw Error($"{path}.{name}", $"must be between {min} and {max}, not {v.GetRawText()}");
    }

    /// <summary>An array of non-empty strings; null when the field is absent.</summary>
    public IReadOnlyList<string>? OptionalStringArray(JsonElement obj, string name, string path)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.Array)
        {
            throw Error($"{path}.{name}", $"must be an array of strings, not {Describe(v)}");
        }

        var items = new List<string>();
        int i = 0;
        foreach (var item in v.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(item.GetString()))
            {
                throw Error($"{path}.{name}[{i}]", $"must be a non-empty string, not {Describe(item)}");
            }

            items.Add(item.GetString()!);
            i++;
        }

        return items;
    }

    /// <summary>An object whose values are all strings (environment variables, headers); null when absent.</summary>
    public IReadOnlyDictionary<string, string>? OptionalStringMap(JsonElement obj, string name, string path)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        Object(v, $"{path}.{name}");
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in v.EnumerateObject())
        {
            map[p.Name] = p.Value.ValueKind == JsonValueKind.String
                ? p.Value.GetString()!
                : throw Error($"{path}.{name}.{p.Name}", $"must be a string, not {Describe(p.Value)}");
        }

        return map;
    }

    /// <summary>A string field that must be one of <paramref name="allowed"/>'s keys (case-insensitive).</summary>
    public T Choice<T>(JsonElement obj, string name, string path, IReadOnlyDictionary<string, T> allowed, T? fallback, bool required = false)
        where T : struct
    {
        var text = required ? RequiredString(obj, name, path) : OptionalString(obj, name, path);
        if (text is null)
        {
            return fallback ?? default;
        }

        foreach (var (key, value) in allowed)
        {
            if (string.Equals(key, text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        throw Error($"{path}.{name}", $"'{text}' is not one of: {string.Join(", ", allowed.Keys)}");
    }

    private static string Describe(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{v.GetString()}\"",
        JsonValueKind.Number => $"the number {v.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {v.GetRawText()}",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };
}
