// Streaming with a callback: your code receives each token as it arrives (to print, forward to a websocket,
// update a UI...). A callback fires whenever one is given; no flag is needed. As in swarms, a callback given to the
// run replaces the agent's own printing, so StreamingOn and the callback never fight over the terminal.
using Swarms.Agents;

int tokens = 0;

void OnToken(string token)
{
    tokens++;
    Console.Write(token);
}

var agent = new Agent(new AgentOptions
{
    AgentName = "Interactive-Agent",
    SystemPrompt = "You are a research scientist.",
    StreamingOn = true, // the seed's example sets it; the run-time callback below takes over the printing
});

var response = await agent.RunAsync("Explain quantum computing", OnToken);

Console.WriteLine();
Console.WriteLine($"Callback received {tokens} tokens; the returned response has {response.Length} characters.");
