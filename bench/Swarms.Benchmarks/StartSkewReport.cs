using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Swarms.Agents;
using Swarms.Agents.Models;
using Swarms.Agents.Workflows;

namespace Swarms.Benchmarks;

/// <summary>
/// How far apart the agents of one concurrent step start: a 10-agent <see cref="ConcurrentWorkflow"/> whose model
/// records the moment each agent's call begins; skew = last start - first start, over 100 runs (after 10 warm-up runs).
/// Models: the local model at its default pace (the process's first run also loads the o200k tokenizer: a cold start,
/// one sample per process), the local model at 0 tokens/s (all its work synchronous), and a model that awaits before
/// its first token (a network model). Run: <c>dotnet run -c Release --project bench/Swarms.Benchmarks -- skew</c>.
/// </summary>
internal static class StartSkewReport
{
    private const int Agents = 10;
    private const int Runs = 100;
    private const int Warmup = 10;

    public static async Task RunAsync()
    {
        Console.WriteLine("| model | agents | runs | skew p50 | skew p90 | skew max |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        static IChatClient Paced() => new LocalChatClient(new LocalModelOptions { TokensPerSecond = LocalModelOptions.DefaultTokensPerSecond });
        // First, while the tokenizer is not loaded yet: what a user's first run sees.
        var cold = await RunOnceAsync(Paced, maxTokens: 5);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| local model, 40 tokens/s, first run of the process (cold) | {Agents} | 1 | {cold:0.000} ms | - | {cold:0.000} ms |"));
        await MeasureAsync("local model, 40 tokens/s (5-token answers)", Paced, maxTokens: 5);
        await MeasureAsync("local model, 0 tokens/s (synchronous, whole answers)", () => new LocalChatClient(new LocalModelOptions { TokensPerSecond = 0 }), maxTokens: null);
        await MeasureAsync("async (awaits, then 50 tokens)", () => new InMemoryChatClient(50, TimeSpan.FromMilliseconds(1)), maxTokens: null);
    }

    private static async Task MeasureAsync(string name, Func<IChatClient> model, int? maxTokens)
    {
        var skews = new List<double>(Runs);
        for (int run = 0; run < Warmup + Runs; run++)
        {
            double skew = await RunOnceAsync(model, maxTokens);
            if (run >= Warmup)
            {
                skews.Add(skew);
            }
        }

        skews.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {Agents} | {Runs} | {skews[Runs / 2]:0.000} ms | {skews[Runs * 9 / 10]:0.000} ms | {skews[^1]:0.000} ms |"));
    }

    /// <summary>One concurrent run; returns the start skew in milliseconds.</summary>
    private static async Task<double> RunOnceAsync(Func<IChatClient> model, int? maxTokens)
    {
        var starts = new long[Agents];
        var agents = Enumerable.Range(0, Agents).Select(i => new Agent(new AgentOptions
        {
            AgentName = $"Agent-{i}", SystemPrompt = "You are an analyst.", PrintOn = false, MaxTokens = maxTokens,
            ChatClient = new StartRecorder(model(), starts, i),
        })).ToList();
        await new ConcurrentWorkflow("skew", agents).RunAsync("Analyze TSLA");
        return Stopwatch.GetElapsedTime(starts.Min(), starts.Max()).TotalMilliseconds;
    }

    /// <summary>Notes when an agent's model call begins (the first step of its stream), then passes through.</summary>
    private sealed class StartRecorder(IChatClient inner, long[] starts, int index) : DelegatingChatClient(inner)
    {
        public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            starts[index] = Stopwatch.GetTimestamp();
            await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
            {
                yield return update;
            }
        }
    }
}
