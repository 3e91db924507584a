// Buffered callback: tokens are gathered into chunks of at least 80 characters before they are handed on
// (for receivers that are costly per call). The agent flushes the last, shorter chunk when the run ends.
using Swarms.Agents;
using Swarms.Agents.Callbacks;

int chunkNumber = 0;

void OnChunk(string chunk)
{
    chunkNumber++;
    Console.WriteLine($"[chunk {chunkNumber}, {chunk.Length} chars] {chunk.ReplaceLineEndings(" ")}");
}

var agent = new Agent(new AgentOptions
{
    AgentName = "Buffered-Agent",
    SystemPrompt = "You are a sentiment analyst.",
    PrintOn = false,
});

var buffered = StreamingCallbacks.Buffered(OnChunk, minChunkSize: 80);
// Pass the helper as the run's sink: the agent flushes its tail itself, even if the run fails.
var response = await agent.RunAsync("Analyze social media sentiment about electric cars", buffered);

Console.WriteLine($"{chunkNumber} chunks delivered, {response.Length} characters in total, {buffered.Pending} left in the buffer.");
