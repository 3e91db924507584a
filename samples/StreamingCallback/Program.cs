// Streaming with a callback: your code receives each token as it arrives (to print, forward to a websocket,
// update a UI...). A callback fires whenever one is given; no flag is needed.
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
    PrintOn = false, // the callback does the printing; the built-in panel would show the text a second time
});

var response = await agent.RunAsync("Explain quantum computing", OnToken);

Console.WriteLine();
Console.WriteLine($"Callback received {tokens} tokens; the returned response has {response.Length} characters.");
