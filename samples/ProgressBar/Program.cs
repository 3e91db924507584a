// A progress bar instead of text: tokens received against the agent's MaxTokens, drawn with Spectre.Console.
using Spectre.Console;
using Swarms.Agents;
using Swarms.Agents.Callbacks;

var agent = new Agent(new AgentOptions
{
    AgentName = "Report-Writer",
    SystemPrompt = "You are a business writer who summarizes reports.",
    MaxTokens = 300, // the bar's 100%
    PrintOn = false,  // Spectre draws one live display at a time: the bar, not the panel
});

var progress = StreamingCallbacks.ProgressBar(agent);
var response = await progress.RunAsync(AnsiConsole.Console, () => agent.RunAsync("Summarize the quarterly report", progress.OnTokenInfo));

Console.WriteLine($"Received {progress} (of at most {agent.Options.MaxTokens}).");
Console.WriteLine(response.Split('\n')[0]);
