using Microsoft.Extensions.AI;
using Microsoft.ML.Tokenizers;
using Swarms.Agents.Streaming;

namespace Swarms.Agents.Models;

/// <summary>
/// Counts tokens with the o200k_base encoding (GPT-4o family), for models that do not report usage and for
/// the local model.
/// </summary>
public static class TokenCounter
{
    private static readonly Lazy<Tokenizer> Tokenizer = new(() => TiktokenTokenizer.CreateForEncoding("o200k_base"));

    /// <summary>Tokens in <paramref name="text"/>.</summary>
    public static int Count(string? text) => string.IsNullOrEmpty(text) ? 0 : Tokenizer.Value.CountTokens(text);

    /// <summary>Tokens in a conversation's text (the prompt side of a call).</summary>
    public static int Count(IEnumerable<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        int total = 0;
        foreach (var message in messages)
        {
            total += Count(message.Text);
        }

        return total;
    }

    /// <summary>Usage of a call whose provider did not report it.</summary>
    public static TokenUsage Estimate(IEnumerable<ChatMessage> prompt, string output)
    {
        long input = Count(prompt), generated = Count(output);
        return new TokenUsage(input, generated, input + generated);
    }
}
