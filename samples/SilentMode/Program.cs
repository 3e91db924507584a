// Silent mode: PrintOn = false prints nothing at all, yet the full response is collected and returned
// (for batch jobs, APIs, or when your app renders the answer itself).
using Swarms.Agents;

var agent = new Agent(new AgentOptions
{
    AgentName = "Silent-Agent",
    SystemPrompt = "You are a risk analyst.",
    StreamingOn = true,
    PrintOn = false,
});

var response = await agent.RunAsync("Assess the risks of a cloud migration");

Console.WriteLine($"Nothing was printed while the agent ran. Response: {response.Length} characters.");
Console.WriteLine($"Last line: {response.Split('\n')[^1]}");
