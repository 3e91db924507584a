// Runtime configuration: one agent, several runs. A callback given to RunAsync overrides the one in the options,
// and options changed between runs (budget, role, printing) apply to the next run.
using Swarms.Agents;
using Swarms.Agents.Streaming;

int optionTokens = 0, runtimeTokens = 0;
var options = new AgentOptions
{
    AgentName = "Configurable-Agent",
    SystemPrompt = "You are a market analyst.",
    PrintOn = false,
    StreamingCallback = _ => optionTokens++,
};
var agent = new Agent(options);

var first = await agent.RunAsync("Analyze the electric vehicle market");
Console.WriteLine($"Run 1: the options' callback got {optionTokens} tokens; {first.Length} characters.");

await agent.RunAsync("Analyze the electric vehicle market", (string _) => runtimeTokens++);
Console.WriteLine($"Run 2: the run-time callback got {runtimeTokens} tokens; the options' callback stayed at {optionTokens}.");

// Between runs: a token budget and a different role.
options.MaxTokens = 40;
options.SystemPrompt = "You are a risk analyst.";
TokenInfo? last = null;
var third = await agent.RunAsync("Analyze the electric vehicle market", (TokenInfo info) => last = info.IsLast ? info : last);
Console.WriteLine($"Run 3: MaxTokens = 40 gave finish reason '{last?.FinishReason}' after {last?.Usage?.OutputTokens} output tokens; title: {third.Split('\n')[0]}");

// Printing back on, with streaming: the answer shows in the agent's panel.
options.MaxTokens = null;
options.PrintOn = true;
options.StreamingOn = true;
var fourth = await agent.RunAsync("Summarize the electric vehicle market");
Console.WriteLine($"Run 4: printed while streaming; {fourth.Length} characters.");
