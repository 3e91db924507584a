// A progress bar instead of text: tokens received against the agent's MaxTokens, drawn with Spectre.Console.
using Spectre.Console;
using Swarms.Agents;
using Swarms.Console;

var agent = new Agent(new AgentOptions
{
    AgentName = "Report-Writer",
    SystemPrompt = "You are a business writer who summarizes reports.",
    MaxTokens = 300, // the bar's 100%
});

// The bar is the run's sink: it replaces the agent's panel (Spectre draws one live display at a time).
var progress = ConsoleCallbacks.ProgressBar(agent);
var response = await progress.RunAsync(AnsiConsole.Console, () => agent.RunAsync("Summarize the quarterly report", progress));

Console.WriteLine($"Received {progress} (of at most {agent.Options.MaxTokens}).");
Console.WriteLine(response.Split('\n')[0]);
