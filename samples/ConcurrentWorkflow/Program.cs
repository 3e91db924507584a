// Concurrent workflow with streaming: three analysts work on the same task at once, shown in one live dashboard.
using Swarms.Agents;
using Swarms.Agents.Workflows;

Agent Analyst(string name, string systemPrompt) => new(new AgentOptions
{
    AgentName = name,
    SystemPrompt = systemPrompt,
    MaxLoops = 1,
    StreamingOn = true,
    PrintOn = true, // inside a workflow the dashboard shows every agent; agents never print panels of their own
});

var agents = new[]
{
    Analyst("Technical-Analyst", "You are a technical analyst specializing in chart patterns and technical indicators."),
    Analyst("Fundamental-Analyst", "You are a fundamental analyst focusing on financial statements and valuation."),
    Analyst("Sentiment-Analyst", "You are a sentiment analyst tracking news flow and social media trends."),
};

var workflow = new ConcurrentWorkflow(
    name: "market-analysis",
    agents: agents,
    maxLoops: 1,
    showDashboard: true); // live on a terminal; plain progress lines when output is redirected (Swarms.Console)

var result = await workflow.RunAsync("Analyze Tesla (TSLA) stock for investment potential");

// Results come back in agent order, whatever order the agents finished in.
foreach (var agent in result.Agents)
{
    Console.WriteLine($"{agent.Agent}: {agent.Status.ToString().ToLowerInvariant()}, {agent.Output.Length} characters, {agent.Usage.TotalTokens} tokens");
}

Console.WriteLine($"Total: {result.Usage.TotalTokens} tokens, status {result.Status.ToString().ToLowerInvariant()}");
