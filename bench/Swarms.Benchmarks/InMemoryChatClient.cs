using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Swarms.Benchmarks;

/// <summary>
/// A chat client with no I/O and no delay: it replays pre-built updates (one token each, then a closing update
/// with finish reason and usage), so a benchmark measures only the framework consuming them.
/// </summary>
public sealed class InMemoryChatClient : IChatClient
{
    private readonly ChatResponseUpdate[] _updates;

    public InMemoryChatClient(int tokens, TimeSpan? modelLatency = null)
    {
        ModelLatency = modelLatency ?? TimeSpan.Zero;
        _updates = new ChatResponseUpdate[tokens + 1];
        for (int i = 0; i < tokens; i++)
        {
            _updates[i] = new ChatResponseUpdate(ChatRole.Assistant, i % 2 == 0 ? " token" : " text") { ModelId = "in-memory" };
        }

        _updates[tokens] = new ChatResponseUpdate
        {
            Role = ChatRole.Assistant,
            ModelId = "in-memory",
            FinishReason = ChatFinishReason.Stop,
            Contents = [new UsageContent(new UsageDetails { InputTokenCount = 10, OutputTokenCount = tokens, TotalTokenCount = tokens + 10 })],
        };
    }

    /// <summary>A wait before the first token, standing in for the model's time to answer.</summary>
    public TimeSpan ModelLatency { get; }

    public int Tokens => _updates.Length - 1;

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = new List<ChatResponseUpdate>();
        await foreach (var u in GetStreamingResponseAsync(messages, options, cancellationToken))
        {
            list.Add(u);
        }

        return list.ToChatResponse();
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (ModelLatency > TimeSpan.Zero)
        {
            await Task.Delay(ModelLatency, cancellationToken);
        }

        for (int i = 0; i < _updates.Length; i++)
        {
            yield return _updates[i];
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
