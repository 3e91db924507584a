// Sequential workflow with streaming: a researcher, then a writer who receives the task and the research.
using Swarms.Agents;
using Swarms.Agents.Workflows;

var researcher = new Agent(new AgentOptions
{
    AgentName = "Researcher",
    SystemPrompt = "You are a researcher who gathers and analyzes information.",
    StreamingOn = true,
});

var writer = new Agent(new AgentOptions
{
    AgentName = "Writer",
    SystemPrompt = "You are a writer who turns the findings you receive into clear, engaging content.",
    StreamingOn = true,
});

var workflow = new SequentialWorkflow([researcher, writer], new SequentialWorkflowOptions
{
    Name = "research-writer",
    MaxLoops = 1,
    ShowDashboard = true, // each agent streams in turn in one display
});

var result = await workflow.RunAsync("Write about the future of renewable energy");

Console.WriteLine($"Steps: {string.Join(" -> ", result.Agents.Select(a => $"{a.Agent} ({a.Usage.OutputTokens} output tokens)"))}");
Console.WriteLine($"Final output: {result.Output.Split('\n')[0]}");
