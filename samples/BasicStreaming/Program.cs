// Basic streaming: the agent shows its answer token by token in a live panel, then returns the complete text.
using Swarms.Agents;

var agent = new Agent(new AgentOptions
{
    AgentName = "Streaming-Agent",
    SystemPrompt = "You are a research scientist who explains technology clearly.",
    MaxLoops = 1,
    StreamingOn = true, // live panel on a terminal; plain text when output is redirected
});

var response = await agent.RunAsync("Explain how neural networks work");

// The answer was already shown once while it streamed; here we only summarise it.
Console.WriteLine($"Complete response: {response.Length} characters, {response.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length} words.");
