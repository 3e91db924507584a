using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace Swarms.Agents.Models;

/// <summary>
/// An offline stand-in for a chat model, so that everything runs out of the box with no network and no key.
/// It is NOT an LLM: it composes a deterministic answer from the agent's role (system prompt) and task
/// (<see cref="LocalResponseComposer"/>), streams it word by word at a configurable pace, honours
/// <see cref="ChatOptions.MaxOutputTokens"/> (finish reason <c>length</c>), and reports usage counted with the
/// o200k_base tokenizer. Offered tools, it calls one when the task is something a tool answers (arithmetic, the time,
/// a tool whose name's words are in the task; see <see cref="LocalToolUse"/>) and answers with the results.
/// </summary>
public sealed partial class LocalChatClient : IChatClient
{
    private readonly LocalModelOptions _options;
    private readonly ChatClientMetadata _metadata = new("local", null, LocalModelOptions.ModelName);

    /// <summary>Creates the local model.</summary>
    public LocalChatClient(LocalModelOptions? options = null)
    {
        _options = options ?? new LocalModelOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(_options.TokensPerSecond);
    }

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            updates.Add(update);
        }

        return updates.ToChatResponse();
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        // Loaded once per process, awaited rather than blocked on: agents starting together do not hold threads.
        await TokenCounter.EnsureLoadedAsync(cancellationToken).ConfigureAwait(false);
        if (_options.TokensPerSecond == 0)
        {
            // At full speed the model never waits: give the thread back once, so that agents calling it together all
            // start now rather than one after another's whole answer.
            await Task.Yield();
        }

        var conversation = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        var calls = LocalToolUse.Plan(conversation, options?.Tools);
        if (calls.Count > 0)
        {
            // Asked something a tool answers: one turn that asks for the tools, as a hosted model does.
            long callInput = TokenCounter.Count(conversation, cancellationToken);
            int callOutput = calls.Sum(c => TokenCounter.Count(c.Name + System.Text.Json.JsonSerializer.Serialize(c.Arguments), cancellationToken));
            yield return new ChatResponseUpdate
            {
                Role = ChatRole.Assistant,
                ModelId = LocalModelOptions.ModelName,
                ResponseId = "local-tools-" + LocalResponseComposer.StableHash(string.Concat(calls.Select(c => c.CallId))).ToString("x8", System.Globalization.CultureInfo.InvariantCulture),
                FinishReason = ChatFinishReason.ToolCalls,
                Contents = [.. calls, new UsageContent(new UsageDetails { InputTokenCount = callInput, OutputTokenCount = callOutput, TotalTokenCount = callInput + callOutput })],
            };
            yield break;
        }

        var text = LocalToolUse.Answer(conversation) ?? LocalResponseComposer.Compose(conversation);
        int maxTokens = options?.MaxOutputTokens ?? int.MaxValue;
        string responseId = "local-" + LocalResponseComposer.StableHash(text).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        int outputTokens = 0;
        var finish = ChatFinishReason.Stop;
        int emittedLength = 0;

        foreach (Match piece in Piece().Matches(text))
        {
            int pieceTokens = TokenCounter.Count(piece.Value, cancellationToken);
            if (outputTokens + pieceTokens > maxTokens)
            {
                finish = ChatFinishReason.Length;
                break;
            }

            // The pace is in tokens, not pieces: a word of three tokens takes three tokens' time.
            if (_options.TokensPerSecond > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(pieceTokens / _options.TokensPerSecond), _options.TimeProvider, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            outputTokens += pieceTokens;
            emittedLength = piece.Index + piece.Length;
            yield return new ChatResponseUpdate(ChatRole.Assistant, piece.Value) { ModelId = LocalModelOptions.ModelName, ResponseId = responseId };
        }

        // Pieces counted one by one overestimate slightly (merges across piece boundaries); usage reports the exact count.
        long input = TokenCounter.Count(conversation, cancellationToken);
        outputTokens = TokenCounter.Count(text[..emittedLength], cancellationToken);
        yield return new ChatResponseUpdate
        {
            Role = ChatRole.Assistant,
            ModelId = LocalModelOptions.ModelName,
            ResponseId = responseId,
            FinishReason = finish,
            Contents = [new UsageContent(new UsageDetails { InputTokenCount = input, OutputTokenCount = outputTokens, TotalTokenCount = input + outputTokens })],
        };
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(_metadata) ? _metadata
            : serviceKey is null && serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    /// <summary>A word with the whitespace before it: the unit the local model streams.</summary>
    [GeneratedRegex(@"\s*\S+", RegexOptions.CultureInvariant)]
    private static partial Regex Piece();
}
