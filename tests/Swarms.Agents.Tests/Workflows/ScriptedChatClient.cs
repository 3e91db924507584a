using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Swarms.Agents.Tests.Workflows;

/// <summary>
/// A chat client for workflow tests: replies with a scripted text word by word, optionally after a wait (a model
/// that thinks) or with a failure, and records what it was asked and how many calls overlapped.
/// </summary>
internal sealed class ScriptedChatClient : IChatClient
{
    private static int _active;
    private static int _maxActive;

    public Func<string, string> Reply { get; init; } = input => "ok";

    /// <summary>Wait before the first token; honours cancellation.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Wait between tokens.</summary>
    public TimeSpan TokenDelay { get; init; }

    public Exception? Failure { get; init; }

    public ConcurrentQueue<string> Inputs { get; } = new();

    /// <summary>Overlap counter shared by the clients of one test (reset it at the start).</summary>
    public static int MaxActive => Volatile.Read(ref _maxActive);

    public static void ResetOverlap()
    {
        Volatile.Write(ref _active, 0);
        Volatile.Write(ref _maxActive, 0);
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var input = messages.Last(m => m.Role == ChatRole.User).Text;
        Inputs.Enqueue(input);
        int now = Interlocked.Increment(ref _active);
        int max;
        while (now > (max = Volatile.Read(ref _maxActive)) && Interlocked.CompareExchange(ref _maxActive, now, max) != max)
        {
        }

        try
        {
            if (Delay > TimeSpan.Zero)
            {
                await Task.Delay(Delay, cancellationToken);
            }

            if (Failure is not null)
            {
                throw Failure;
            }

            var words = Reply(input).Split(' ');
            for (int i = 0; i < words.Length; i++)
            {
                if (TokenDelay > TimeSpan.Zero)
                {
                    await Task.Delay(TokenDelay, cancellationToken);
                }

                yield return new ChatResponseUpdate(ChatRole.Assistant, i == 0 ? words[i] : " " + words[i]);
            }

            yield return new ChatResponseUpdate
            {
                Role = ChatRole.Assistant,
                FinishReason = ChatFinishReason.Stop,
                Contents = [new UsageContent(new UsageDetails { InputTokenCount = 10, OutputTokenCount = words.Length, TotalTokenCount = 10 + words.Length })],
            };
        }
        finally
        {
            Interlocked.Decrement(ref _active);
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }

    /// <summary>An agent that never prints, on this client.</summary>
    public Agent Agent(string name, string? systemPrompt = null) => new(new AgentOptions
    {
        AgentName = name, SystemPrompt = systemPrompt ?? $"You are {name}.", ChatClient = this, PrintOn = false, RetryAttempts = 0,
    });
}
