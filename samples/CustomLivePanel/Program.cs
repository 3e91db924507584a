// A custom live panel: your own title, border and colours, drawn live with Spectre.Console while tokens arrive.
// Passed to the run as its sink, the panel replaces the agent's built-in one (Spectre draws one live display at a time).
using Spectre.Console;
using Swarms.Agents;
using Swarms.Console;

var agent = new Agent(new AgentOptions
{
    AgentName = "Market-Watcher",
    SystemPrompt = "You are a market analyst.",
});

var panel = new LivePanelCallback
{
    Title = "📊 Market Watch: semiconductors",
    Border = BoxBorder.Double,
    BorderColor = Color.Gold1,
    CompletedBorderColor = Color.Green,
    TextStyle = new Style(Color.White),
};

var response = await panel.RunAsync(AnsiConsole.Console, () => agent.RunAsync("Analyze the semiconductor market", panel));

Console.WriteLine($"Panel showed {panel.Text.Length} characters; response has {response.Length}.");
