using BenchmarkDotNet.Attributes;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Swarms.Agents;

namespace Swarms.Benchmarks;

/// <summary>
/// Framework overhead per streamed token: one agent streams 10,000 tokens from an in-memory chat client.
/// Divide each mean by <see cref="Tokens"/> for the per-token figure; subtract <see cref="RawChatClient"/>
/// for the framework's own share.
/// </summary>
[MemoryDiagnoser]
public class AgentStreamingBenchmarks
{
    public const int Tokens = 10_000;
    private InMemoryChatClient _client = null!;
    private Agent _swarmsAgent = null!;
    private ChatClientAgent _mafAgent = null!;

    [GlobalSetup]
    public void Setup()
    {
        _client = new InMemoryChatClient(Tokens);
        _swarmsAgent = new Agent(new AgentOptions
        {
            AgentName = "Bench", SystemPrompt = "You are a benchmark.", PrintOn = false, ChatClient = _client,
        });
        _mafAgent = new ChatClientAgent(_client, instructions: "You are a benchmark.", name: "Bench");
    }

    [Benchmark(Baseline = true, Description = "raw IChatClient stream (no framework)")]
    public async Task<long> RawChatClient()
    {
        long n = 0;
        await foreach (var u in _client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "go")]))
        {
            n += u.Contents.Count;
        }

        return n;
    }

    [Benchmark(Description = "Swarms Agent.RunStreamingAsync (events)")]
    public async Task<long> SwarmsRunStreaming()
    {
        long n = 0;
        await foreach (var e in _swarmsAgent.RunStreamingAsync("go"))
        {
            if (e is Swarms.Agents.Streaming.TextDelta)
            {
                n++;
            }
        }

        return n;
    }

    [Benchmark(Description = "Swarms Agent.RunAsync(task, callback)")]
    public async Task<int> SwarmsRunWithCallback()
    {
        int tokens = 0;
        await _swarmsAgent.RunAsync("go", (string _) => tokens++);
        return tokens;
    }

    [Benchmark(Description = "MAF ChatClientAgent.RunStreamingAsync")]
    public async Task<long> AgentFrameworkRunStreaming()
    {
        long n = 0;
        await foreach (var u in _mafAgent.RunStreamingAsync("go"))
        {
            n += u.Contents.Count;
        }

        return n;
    }
}
