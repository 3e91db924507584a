// Stream to a file: every token on its own timestamped line, the file closed properly when done.
using Swarms.Agents;
using Swarms.Agents.Callbacks;

var path = args.Length > 0 ? args[0] : "agent-stream.log";

var agent = new Agent(new AgentOptions
{
    AgentName = "Logged-Agent",
    SystemPrompt = "You are a software engineer.",
    StreamingOn = true,
    PrintWithRunCallback = true, // print the panel too: a sink given to the run would otherwise replace the printing
});

string response;
await using (var log = StreamingCallbacks.ToFile(path))
{
    log.WriteNote($"agent={agent.Name} task=Review the deployment plan");
    // The logger is the run's sink: flushed at the end, and a model call cut and made again is removed from the file.
    response = await agent.RunAsync("Review the deployment plan", log);
    Console.WriteLine($"Logged {log.LinesWritten} lines to {log.Path}");
}

// The file is closed: read it back.
var lines = File.ReadAllLines(path);
Console.WriteLine($"File has {lines.Length} lines. First three:");
foreach (var line in lines.Take(3))
{
    Console.WriteLine("  " + line);
}
