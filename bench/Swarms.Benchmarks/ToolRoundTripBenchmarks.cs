using BenchmarkDotNet.Attributes;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Swarms.Agents;
using Swarms.Agents.Models;
using Swarms.Agents.Tools;

namespace Swarms.Benchmarks;

/// <summary>
/// What a tool round trip costs an agent: the same question answered by a plain turn, and by a turn that calls a
/// tool (the model asks, Microsoft.Extensions.AI's function-invocation loop runs the tool, ToolCall and ToolResult
/// events, a second model call streams the answer). Two models: the offline local model (pacing 0) as users run it,
/// and <see cref="ToolCallingChatClient"/>, which streams the same answer either way so the difference is the round
/// trip alone; Microsoft Agent Framework's <c>ChatClientAgent</c> runs the same client and tool for comparison.
/// </summary>
[MemoryDiagnoser]
public class ToolRoundTripBenchmarks
{
    private const string Question = "What is 17 * 23?";
    private Agent _localPlain = null!;
    private Agent _localTool = null!;
    private Agent _scriptedPlain = null!;
    private Agent _scriptedTool = null!;
    private ChatClientAgent _mafPlain = null!;
    private ChatClientAgent _mafTool = null!;

    [GlobalSetup]
    public void Setup()
    {
        var local = new LocalChatClient(new LocalModelOptions { TokensPerSecond = 0 });
        var scripted = new ToolCallingChatClient(answerTokens: 20);
        var multiply = AIFunctionFactory.Create((int a, int b) => a * b, "multiply", "Multiplies two whole numbers.");
        _localPlain = Create(local, []);
        _localTool = Create(local, [BuiltInTools.Calculator()]);
        _scriptedPlain = Create(scripted, []);
        _scriptedTool = Create(scripted, [multiply]);
        _mafPlain = new ChatClientAgent(scripted, instructions: "You are a benchmark.", name: "Bench");
        _mafTool = new ChatClientAgent(scripted, instructions: "You are a benchmark.", name: "Bench", tools: [multiply]);
    }

    private static Agent Create(IChatClient client, IList<AITool> tools) => new(new AgentOptions
    {
        AgentName = "Bench", SystemPrompt = "You are a benchmark.", PrintOn = false, ChatClient = client, Tools = tools,
    });

    [Benchmark(Baseline = true, Description = "local model: plain turn")]
    public Task<int> LocalPlain() => Run(_localPlain);

    [Benchmark(Description = "local model: calculator round trip")]
    public Task<int> LocalTool() => Run(_localTool);

    [Benchmark(Description = "in-memory model: plain turn")]
    public Task<int> ScriptedPlain() => Run(_scriptedPlain);

    [Benchmark(Description = "in-memory model: tool round trip")]
    public Task<int> ScriptedTool() => Run(_scriptedTool);

    [Benchmark(Description = "MAF ChatClientAgent, in-memory model: plain turn")]
    public Task<int> MafPlain() => RunMaf(_mafPlain);

    [Benchmark(Description = "MAF ChatClientAgent, in-memory model: tool round trip")]
    public Task<int> MafTool() => RunMaf(_mafTool);

    private static async Task<int> Run(Agent agent)
    {
        int n = 0;
        await foreach (var e in agent.RunStreamingAsync(Question))
        {
            n++;
        }

        return n;
    }

    private static async Task<int> RunMaf(ChatClientAgent agent)
    {
        int n = 0;
        await foreach (var u in agent.RunStreamingAsync(Question))
        {
            n += u.Contents.Count;
        }

        return n;
    }
}
