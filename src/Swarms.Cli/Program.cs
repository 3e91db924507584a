using System.CommandLine;
using Swarms.Agents;

// Minimal entry point: `swarms agent "<task>"` streams one agent on the configured model (local by default).
var task = new Argument<string>("task") { Description = "What the agent should do." };
var name = new Option<string>("--name") { Description = "The agent's name.", DefaultValueFactory = _ => "Swarms-Demo-Agent" };
var agentCommand = new Command("agent", "Run one streaming agent on a task.") { task, name };
agentCommand.SetAction(async (parse, ct) =>
{
    var agent = new Agent(new AgentOptions
    {
        AgentName = parse.GetValue(name)!,
        SystemPrompt = "You are a market analyst who gives structured, balanced analysis.",
        StreamingOn = true,
    });
    await agent.RunAsync(parse.GetValue(task)!, ct);
    return 0;
});
var root = new RootCommand("swarms: multi-agent LLM workflows with live streaming") { agentCommand };
return await root.Parse(args).InvokeAsync();
