using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

// A small MCP server speaking on standard input and output, for the tests. Modes (first argument):
//   (none)       serve the tools below
//   --exit       write a line to standard error and exit with code 3 before the handshake
//   --hang       never answer (the handshake times out)
//   --fail-list  answer the handshake, then fail to list tools
// SWARMS_MCP_LOG: a file that gets one line per call of record_visit, so tests can count runs across processes.
var mode = args.FirstOrDefault() ?? "";
if (mode == "--exit")
{
    await Console.Error.WriteLineAsync("fatal: the test server was told to exit");
    return 3;
}

if (mode == "--hang")
{
    await Task.Delay(Timeout.Infinite);
    return 0;
}

var options = new McpServerOptions
{
    ServerInfo = new Implementation { Name = "swarms-test-mcp", Version = "1.0.0" },
    ToolCollection =
    [
        McpServerTool.Create(([Description("First number.")] int a, [Description("Second number.")] int b) => a + b,
            new McpServerToolCreateOptions { Name = "add", Description = "Adds two whole numbers.", ReadOnly = true }),
        McpServerTool.Create(([Description("The text to reverse.")] string text) => new string([.. text.Reverse()]),
            new McpServerToolCreateOptions { Name = "reverse_text", Description = "Reverses a text.", Idempotent = true }),
        McpServerTool.Create(([Description("Who visited.")] string name) =>
            {
                File.AppendAllText(Environment.GetEnvironmentVariable("SWARMS_MCP_LOG") ?? Path.Combine(Path.GetTempPath(), "swarms-mcp-visits.log"), name + "\n");
                return $"visit of {name} recorded";
            },
            new McpServerToolCreateOptions { Name = "record_visit", Description = "Records a visit (a side effect: not safe to repeat)." }),
        McpServerTool.Create(string ([Description("Why.")] string reason) => throw new McpException($"refused: {reason}"),
            new McpServerToolCreateOptions { Name = "refuse", Description = "Always fails." }),
        McpServerTool.Create(async ([Description("How long.")] int seconds, CancellationToken cancellationToken) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(seconds), cancellationToken);
                return "woke up";
            },
            new McpServerToolCreateOptions { Name = "sleep", Description = "Answers after a while." }),
    ],
};
if (mode == "--fail-list")
{
    options.ToolCollection = null;
    options.Handlers.ListToolsHandler = (_, _) => throw new McpException("the tool catalogue is unavailable");
}

await using var transport = new StdioServerTransport(options);
await using var server = McpServer.Create(transport, options);
await server.RunAsync();
return 0;
