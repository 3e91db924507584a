using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;

namespace Swarms.Agents.Configuration;

/// <summary>Reads the <c>Values</c> of an Azure Functions <c>local.settings.json</c> as flat configuration keys.</summary>
public static class LocalSettingsConfigurationExtensions
{
    /// <summary>
    /// Adds the <c>Values</c> object of the <c>local.settings.json</c> at <paramref name="path"/> (as the Functions host
    /// does: each value becomes a key such as <c>SWARMS_MODEL_PROVIDER</c>). A missing file adds nothing.
    /// Add environment variables after it, so that they win.
    /// </summary>
    /// <exception cref="ArgumentException">The file exists but is not valid JSON; the message names it.</exception>
    public static IConfigurationBuilder AddLocalSettingsValues(this IConfigurationBuilder builder, string path)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (File.Exists(path))
        {
            try
            {
                using var doc = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
                if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("Values", out var v) && v.ValueKind == JsonValueKind.Object)
                {
                    foreach (var p in v.EnumerateObject())
                    {
                        values[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText();
                    }
                }
            }
            catch (JsonException ex)
            {
                throw new ArgumentException($"{Path.GetFullPath(path)} is not valid JSON (line {ex.LineNumber + 1}).", ex);
            }
        }

        return builder.Add(new MemoryConfigurationSource { InitialData = values });
    }
}
