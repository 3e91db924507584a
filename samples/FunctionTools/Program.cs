// Function tools: ordinary .NET methods and lambdas the model may call. Microsoft.Extensions.AI's function-invocation
// loop runs them; the panel shows each call and its result, then the answer that uses it. On the offline local model
// the calls are deterministic (it calls a tool whose name's words are in the task, and the calculator for arithmetic).
using System.ComponentModel;
using Microsoft.Extensions.AI;
using Swarms.Agents;
using Swarms.Agents.Streaming;
using Swarms.Agents.Tools;

var prices = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase) { ["TSLA"] = 251.30, ["NVDA"] = 132.65 };
var stockPrice = AIFunctionFactory.Create(   // a lambda made into a tool: its parameters become the schema the model sees
    ([Description("The ticker, for example TSLA.")] string symbol) => prices.TryGetValue(symbol, out var price) ? price : throw new ArgumentException($"no price for '{symbol}'"),
    "get_stock_price", "The latest price of a stock, in US dollars.").AsSafeToRepeat();   // it only reads (default: not safe to repeat)

var agent = new Agent(new AgentOptions
{
    AgentName = "Quant",
    SystemPrompt = "You are a quantitative analyst. Use the tools for prices and arithmetic.",
    StreamingOn = true,
    Tools = [stockPrice, BuiltInTools.Calculator()],
    MaxToolIterations = 4,   // tool rounds per loop (default 10)
});
await agent.RunAsync("What is the stock price of \"TSLA\"?");   // ⚙ get_stock_price {"symbol":"TSLA"} → 251.3, then the answer
await agent.RunAsync("What is 251.30 * 40?");

// The same run as events: each tool call and result, as it happens.
int calls = 0;
await foreach (var evt in agent.RunStreamingAsync("What is the stock price of \"NVDA\"?"))
{
    if (evt is ToolResult result)
    {
        calls++;
        Console.WriteLine($"Event: {result.Name} returned {result.Result}");
    }
}

Console.WriteLine($"Tool calls seen as events: {calls}");
