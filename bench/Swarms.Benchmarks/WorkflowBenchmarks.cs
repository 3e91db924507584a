using BenchmarkDotNet.Attributes;
using Microsoft.Agents.AI;
using Microsoft.Agents.AI.Workflows;
using Microsoft.Extensions.AI;
using Swarms.Agents;
using Swarms.Agents.Workflows;

namespace Swarms.Benchmarks;

/// <summary>
/// Framework overhead of multi-agent workflows on an in-memory chat client: a 10-agent concurrent run and a
/// 3-agent sequential run, each agent streaming <see cref="TokensPerAgent"/> tokens, beside Microsoft Agent
/// Framework's <c>AgentWorkflowBuilder.BuildConcurrent</c> / <c>BuildSequential</c> on the same client, streaming
/// (its <c>TurnToken(emitEvents: true)</c>, our <c>RunStreamingAsync</c>) so both deliver every token as an event.
/// With 1 token per agent the time is almost all per-agent cost; with 1,000 it is mostly per-token cost.
/// </summary>
[MemoryDiagnoser]
public class WorkflowBenchmarks
{
    private const int ConcurrentAgents = 10;
    private const int SequentialAgents = 3;
    private InMemoryChatClient _client = null!;
    private ConcurrentWorkflow _concurrent = null!;
    private SequentialWorkflow _sequential = null!;
    private Workflow _mafConcurrent = null!;
    private Workflow _mafSequential = null!;

    [Params(1, 1_000)]
    public int TokensPerAgent { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _client = new InMemoryChatClient(TokensPerAgent);
        _concurrent = new ConcurrentWorkflow("bench-concurrent", SwarmsAgents(ConcurrentAgents));
        _sequential = new SequentialWorkflow(SwarmsAgents(SequentialAgents));
        _mafConcurrent = AgentWorkflowBuilder.BuildConcurrent(MafAgents(ConcurrentAgents));
        _mafSequential = AgentWorkflowBuilder.BuildSequential(MafAgents(SequentialAgents));
    }

    [Benchmark(Description = "Swarms ConcurrentWorkflow x10 RunStreamingAsync")]
    public Task<long> SwarmsConcurrent() => Drain(_concurrent);

    [Benchmark(Description = "MAF BuildConcurrent x10 streaming")]
    public Task<long> MafConcurrent() => DrainMaf(_mafConcurrent);

    [Benchmark(Description = "Swarms SequentialWorkflow x3 RunStreamingAsync")]
    public Task<long> SwarmsSequential() => Drain(_sequential);

    [Benchmark(Description = "MAF BuildSequential x3 streaming")]
    public Task<long> MafSequential() => DrainMaf(_mafSequential);

    /// <summary>Consumes the whole run and counts the token events.</summary>
    private static async Task<long> Drain(AgentWorkflow workflow)
    {
        long deltas = 0;
        await foreach (var evt in workflow.RunStreamingAsync("go"))
        {
            if (evt is Swarms.Agents.Streaming.TextDelta)
            {
                deltas++;
            }
        }

        return deltas;
    }

    /// <summary>Consumes the whole run, to its end (not just to the output event), and counts the token updates.</summary>
    private static async Task<long> DrainMaf(Workflow workflow)
    {
        long updates = 0;
        await using StreamingRun run = await InProcessExecution.RunStreamingAsync(workflow, new List<ChatMessage> { new(ChatRole.User, "go") });
        await run.TrySendMessageAsync(new TurnToken(emitEvents: true));
        await foreach (var evt in run.WatchStreamAsync())
        {
            if (evt is AgentResponseUpdateEvent)
            {
                updates++;
            }
        }

        return updates;
    }

    private Agent[] SwarmsAgents(int count) =>
        [.. Enumerable.Range(1, count).Select(i => new Agent(new AgentOptions
        {
            AgentName = $"Agent-{i}", SystemPrompt = "You are a benchmark.", PrintOn = false, ChatClient = _client,
        }))];

    private List<AIAgent> MafAgents(int count) =>
        [.. Enumerable.Range(1, count).Select(i => (AIAgent)new ChatClientAgent(_client, instructions: "You are a benchmark.", name: $"Agent-{i}"))];
}
