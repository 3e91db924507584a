// Rate limiting: the receiver is called at most every 250 ms; tokens arriving in between are coalesced into
// the next call, never dropped, and the agent flushes the rest at the end.
using System.Diagnostics;
using Swarms.Agents;
using Swarms.Agents.Callbacks;

var clock = Stopwatch.StartNew();
int tokens = 0;

void OnText(string text) =>
    Console.WriteLine($"[+{clock.Elapsed.TotalSeconds:0.00}s] {text.ReplaceLineEndings(" ")}");

var agent = new Agent(new AgentOptions
{
    AgentName = "Throttled-Agent",
    SystemPrompt = "You are a technical analyst.",
    PrintOn = false,
    StreamingCallback = _ => tokens++, // the options' callback still fires beside the run's sink
});

var limited = StreamingCallbacks.RateLimited(OnText, TimeSpan.FromMilliseconds(250));
var response = await agent.RunAsync("Analyze the price action of AAPL", limited);

Console.WriteLine($"{tokens} tokens delivered in {limited.Calls} calls; {response.Length} characters.");
