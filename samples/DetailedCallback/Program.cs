// Detailed streaming (the guide's stream=True): each chunk comes as a TokenInfo with its index and model, and the
// closing chunk really carries the finish reason and the token usage.
using Swarms.Agents;
using Swarms.Agents.Streaming;

void OnTokenInfo(TokenInfo info)
{
    if (!info.IsLast)
    {
        Console.Write(info.Content);
        return;
    }

    Console.WriteLine();
    Console.WriteLine($"Chunks: {info.Index}");
    Console.WriteLine($"Model: {info.Model}");
    Console.WriteLine($"Finish reason: {info.FinishReason}");
    Console.WriteLine($"Usage: input={info.Usage?.InputTokens} output={info.Usage?.OutputTokens} total={info.Usage?.TotalTokens}");
}

var agent = new Agent(new AgentOptions
{
    AgentName = "Detailed-Agent",
    SystemPrompt = "You are a fundamental analyst.",
    PrintOn = false,
});

await agent.RunAsync("Analyze NVDA", OnTokenInfo);
