using System.Text.Json;
using Swarms.Agents.Tools.Mcp;

namespace Swarms.Agents.Workflows.Definitions;

/// <summary>
/// Reads the <c>"mcpServers"</c> of a swarm or of one of its agents:
/// <c>[{ "name": "files", "command": "npx", "args": ["-y", "..."], "env": {...}, "cwd": "..." }, { "name": "search", "url": "https://...", "headers": {...} }]</c>.
/// </summary>
internal static class McpServerReader
{
    public static IReadOnlyList<McpServerDefinition> Read(JsonElement owner, string path, DefinitionReader r)
    {
        if (!owner.TryGetProperty("mcpServers", out var list) || list.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        var listPath = path + ".mcpServers";
        if (list.ValueKind != JsonValueKind.Array)
        {
            throw r.Error(listPath, "must be an array of MCP servers ({ \"name\": ..., \"command\": ... } or { \"name\": ..., \"url\": ... })");
        }

        var servers = new List<McpServerDefinition>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        int i = 0;
        foreach (var element in list.EnumerateArray())
        {
            var at = $"{listPath}[{i++}]";
            r.Object(element, at);
            r.OnlyKnown(element, at, "name", "command", "args", "env", "cwd", "url", "headers", "startTimeoutSeconds");
            var name = r.RequiredString(element, "name", at);
            if (!names.Add(name))
            {
                throw r.Error($"{at}.name", $"'{name}' is used by an earlier MCP server; names must be unique");
            }

            var command = r.OptionalString(element, "command", at);
            var url = r.OptionalString(element, "url", at);
            if (string.IsNullOrWhiteSpace(command) == (url is null))
            {
                throw r.Error(at, $"MCP server '{name}' needs either \"command\" (a program speaking MCP on stdio) or \"url\" (HTTP), not both or neither");
            }

            Uri? endpoint = null;
            if (url is not null && (!Uri.TryCreate(url, UriKind.Absolute, out endpoint) || endpoint.Scheme is not ("http" or "https")))
            {
                throw r.Error($"{at}.url", $"'{url}' is not an absolute http or https URL");
            }

            if (command is null && (element.TryGetProperty("args", out _) || element.TryGetProperty("env", out _) || element.TryGetProperty("cwd", out _)))
            {
                throw r.Error(at, $"MCP server '{name}' has a url: \"args\", \"env\" and \"cwd\" are for a command");
            }

            var timeout = r.OptionalInt(element, "startTimeoutSeconds", at, 1);
            servers.Add(new McpServerDefinition(name)
            {
                Command = command,
                Arguments = r.OptionalStringArray(element, "args", at) ?? [],
                Environment = r.OptionalStringMap(element, "env", at),
                WorkingDirectory = r.OptionalString(element, "cwd", at),
                Url = endpoint,
                Headers = r.OptionalStringMap(element, "headers", at),
                StartTimeout = timeout is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            });
        }

        return servers;
    }
}
