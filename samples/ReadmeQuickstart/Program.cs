// The README's "Using the library" snippets, exactly as written there: tests/Swarms.Samples.Tests checks that they
// match the README and runs both in a real terminal (tmux). `-- callback` runs the second snippet.
using Swarms.Agents;

if (args is ["callback"])
{
    await Callback();
}
else
{
    await Prints();
}

static async Task Prints()
{
    var agent = new Agent(new AgentOptions
    {
        AgentName = "Financial-Analyst",
        SystemPrompt = "You are a fundamental analyst.",
        StreamingOn = true,    // a live panel, token by token (printed by the Swarms.Console package)
    });
    string answer = await agent.RunAsync("Analyze TSLA");
    Console.WriteLine($"{answer.Length} characters");
}

static async Task Callback()
{
    var agent = new Agent(new AgentOptions { AgentName = "Financial-Analyst", SystemPrompt = "You are a fundamental analyst.", StreamingOn = true });
    string answer = await agent.RunAsync("Analyze TSLA", token => Console.Write(token));   // replaces the panel
    Console.WriteLine($"\n{answer.Length} characters");
}
