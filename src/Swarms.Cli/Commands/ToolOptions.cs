using System.CommandLine;
using Microsoft.Extensions.AI;
using Swarms.Agents.Tools;
using Swarms.Agents.Tools.Mcp;

namespace Swarms.Cli.Commands;

/// <summary><c>--tool NAME</c> and <c>--mcp NAME=COMMAND ARGS | NAME=URL</c>: tools for the agents given on the command line.</summary>
internal sealed class ToolOptions
{
    public Option<string[]> Tool { get; } = new("--tool")
    {
        Description = "A registered tool the agent may call (see 'swarms tools'); repeat for more.",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string[]> Mcp { get; } = new("--mcp")
    {
        Description = "An MCP server whose tools the agent may call: NAME=COMMAND ARGS... (stdio) or NAME=URL (HTTP); repeat for more.",
        AllowMultipleArgumentsPerToken = false,
    };

    public void AddTo(Command command)
    {
        command.Add(Tool);
        command.Add(Mcp);
    }

    public bool Any(ParseResult parse) => (parse.GetValue(Tool)?.Length ?? 0) + (parse.GetValue(Mcp)?.Length ?? 0) > 0;

    /// <exception cref="CliUsageException">An unknown tool, or an MCP server given wrongly.</exception>
    public (IList<AITool> Tools, IList<McpServerDefinition> Servers) Read(ParseResult parse, ToolRegistry registry)
    {
        var tools = new List<AITool>();
        foreach (var name in parse.GetValue(Tool) ?? [])
        {
            AIFunction tool;
            try
            {
                tool = registry.Get(name);
            }
            catch (KeyNotFoundException ex)
            {
                throw new CliUsageException($"--tool '{name}': {ex.Message}");
            }

            if (tools.All(t => t.Name != name))
            {
                tools.Add(tool);
            }
        }

        var servers = new List<McpServerDefinition>();
        foreach (var spec in parse.GetValue(Mcp) ?? [])
        {
            servers.Add(ParseServer(spec, servers));
        }

        return (tools, servers);
    }

    private static McpServerDefinition ParseServer(string spec, List<McpServerDefinition> earlier)
    {
        int eq = spec.IndexOf('=', StringComparison.Ordinal);
        var name = eq < 0 ? "" : spec[..eq].Trim();
        var target = eq < 0 ? "" : spec[(eq + 1)..].Trim();
        if (name.Length == 0 || target.Length == 0)
        {
            throw new CliUsageException($"--mcp '{spec}': expected NAME=COMMAND ARGS or NAME=URL, e.g. --mcp \"files=npx -y @modelcontextprotocol/server-filesystem .\"");
        }

        if (earlier.Any(s => s.Name == name))
        {
            throw new CliUsageException($"--mcp '{spec}': another MCP server is already named '{name}'.");
        }

        if (target.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || target.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return Uri.TryCreate(target, UriKind.Absolute, out var url)
                ? McpServerDefinition.Http(name, url)
                : throw new CliUsageException($"--mcp '{spec}': '{target}' is not a valid URL.");
        }

        // Split on whitespace; a definition file's "args" list is the way to pass arguments that contain spaces.
        var words = target.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return McpServerDefinition.Stdio(name, words[0], words[1..]);
    }
}
