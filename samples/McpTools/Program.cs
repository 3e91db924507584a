// MCP tools: an agent offered the tools of an MCP server, through the ModelContextProtocol C# SDK. This program is
// both sides: `McpTools serve` is a small MCP server on standard input and output (two text tools); without
// arguments it starts itself that way as a separate process and gives the server to an agent. A real app names any
// MCP server the same way, e.g. McpServerDefinition.Stdio("files", "npx", "-y", "@modelcontextprotocol/server-filesystem", ".").
using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Swarms.Agents;
using Swarms.Agents.Tools;
using Swarms.Agents.Tools.Mcp;

if (args is ["serve"])
{
    var options = new McpServerOptions
    {
        ServerInfo = new Implementation { Name = "text-tools", Version = "1.0.0" },
        ToolCollection =
        [
            McpServerTool.Create(([Description("The text.")] string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length,
                new McpServerToolCreateOptions { Name = "word_count", Description = "Counts the words of a text.", ReadOnly = true }),
            McpServerTool.Create(([Description("The text.")] string text) => new string([.. text.Reverse()]),
                new McpServerToolCreateOptions { Name = "reverse_text", Description = "Reverses a text.", ReadOnly = true }),
        ],
    };
    await using var transport = new StdioServerTransport(options);
    await using var server = McpServer.Create(transport, options);
    await server.RunAsync();
    return;
}

// This same program, started as an MCP server over stdio.
var textTools = McpServerDefinition.Stdio("text-tools", Environment.ProcessPath!, typeof(Program).Assembly.Location, "serve");

// Listing the tools (what an agent does at the start of each run), with their safe-to-repeat hints.
await using (var session = await McpToolSession.ConnectAsync([textTools]))
{
    Console.WriteLine($"MCP server 'text-tools' offers: {string.Join(", ", session.Tools.Select(t => $"{t.Name} (safe to repeat: {(t.IsSafeToRepeat() ? "yes" : "no")})"))}");
}

var agent = new Agent(new AgentOptions
{
    AgentName = "Editor",
    SystemPrompt = "You are an editor. Use the text tools.",
    StreamingOn = true,
    McpServers = [textTools], // started when a run starts, stopped when it ends
});

await agent.RunAsync("Count the words in \"the quick brown fox jumps over the lazy dog\"");
