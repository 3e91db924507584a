// Does this model support streaming? Through IChatClient every chat model can be streamed; what can differ is
// whether a name is a chat model at all, and whether the provider sends tokens one by one or the answer in one
// piece. ModelCapabilities checks the first by name and measures the second with a short real call.
using Swarms.Agents;
using Swarms.Agents.Models;

string[] names = ["gpt-4o-mini", "openai/gpt-4o", "claude-sonnet-4-20250514", "text-embedding-3-small", "dall-e-3", "whisper-1"];
foreach (var name in names)
{
    Console.WriteLine($"{name,-28} can stream chat answers: {(ModelCapabilities.SupportsStreaming(name) ? "yes" : "no")}");
}

// The model this app is configured with (environment / local.settings.json; the offline local model by default).
var agent = new Agent(new AgentOptions { AgentName = "Probe-Agent", PrintOn = false, ChatClient = ChatClientFactory.FromEnvironment() });
Console.WriteLine($"Configured chat client can stream: {(ModelCapabilities.SupportsStreaming(agent.ChatClient) ? "yes" : "no")}");

var probe = await ModelCapabilities.ProbeStreamingAsync(agent.ChatClient);
Console.WriteLine($"Probe of '{probe.Model}': {probe.TextChunks} text chunks, first after {probe.TimeToFirstChunk.TotalMilliseconds:0} ms, " +
    $"token by token: {(probe.IsIncremental ? "yes" : "no")}");
