// Stream to a file: every token on its own timestamped line, the file closed properly when done.
using Swarms.Agents;
using Swarms.Agents.Callbacks;

var path = args.Length > 0 ? args[0] : "agent-stream.log";

var agent = new Agent(new AgentOptions
{
    AgentName = "Logged-Agent",
    SystemPrompt = "You are a software engineer.",
    StreamingOn = true,
});

string response;
await using (var log = StreamingCallbacks.ToFile(path))
{
    log.WriteNote($"agent={agent.Name} task=Review the deployment plan");
    response = await agent.RunAsync("Review the deployment plan", log.OnToken);
    Console.WriteLine($"Logged {log.LinesWritten} lines to {log.Path}");
}

// The file is closed: read it back.
var lines = File.ReadAllLines(path);
Console.WriteLine($"File has {lines.Length} lines. First three:");
foreach (var line in lines.Take(3))
{
    Console.WriteLine("  " + line);
}
