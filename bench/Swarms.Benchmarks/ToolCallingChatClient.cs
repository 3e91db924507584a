using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Swarms.Benchmarks;

/// <summary>
/// A chat client with no I/O and no delay that asks for a tool when it is offered one: the first call (the
/// conversation ends with the user's message and tools are offered) streams one call of the first tool with
/// <c>{"a":17,"b":23}</c>; any other call streams the same answer of <c>answerTokens</c> tokens. So a plain turn and a
/// tool round trip stream the same answer, and their difference is the round trip.
/// </summary>
public sealed class ToolCallingChatClient(int answerTokens) : IChatClient
{
    private static readonly Dictionary<string, object?> Arguments = new() { ["a"] = 17, ["b"] = 23 };

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
        await Task.CompletedTask;
        var last = messages.Last();
        if (last.Role == ChatRole.User && options?.Tools is { Count: > 0 } tools)
        {
            yield return new ChatResponseUpdate
            {
                Role = ChatRole.Assistant,
                ModelId = "in-memory",
                FinishReason = ChatFinishReason.ToolCalls,
                Contents =
                [
                    new FunctionCallContent("call_1", tools[0].Name, new Dictionary<string, object?>(Arguments)),
                    new UsageContent(new UsageDetails { InputTokenCount = 10, OutputTokenCount = 5, TotalTokenCount = 15 }),
                ],
            };
            yield break;
        }

        for (int i = 0; i < answerTokens; i++)
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, i % 2 == 0 ? " token" : " text") { ModelId = "in-memory" };
        }

        yield return new ChatResponseUpdate
        {
            Role = ChatRole.Assistant,
            ModelId = "in-memory",
            FinishReason = ChatFinishReason.Stop,
            Contents = [new UsageContent(new UsageDetails { InputTokenCount = 10, OutputTokenCount = answerTokens, TotalTokenCount = answerTokens + 10 })],
        };
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
