using Microsoft.Extensions.AI;
using Microsoft.ML.Tokenizers;
using Swarms.Agents.Streaming;

namespace Swarms.Agents.Models;

/// <summary>
/// Counts tokens with the o200k_base encoding (GPT-4o family), for models that do not report usage and for
/// the local model. Bounded and cancellable: text is counted in slices (the BPE's cost grows faster than the length
/// of one unbroken word, so a megabyte without whitespace would otherwise take minutes), with a cancellation check
/// between slices; past <see cref="ExactLimit"/> characters the count is extrapolated from the first ones.
/// </summary>
public static class TokenCounter
{
    /// <summary>Characters counted in one call of the tokenizer: small enough that one slice takes well under a millisecond.</summary>
    internal const int SliceSize = 2048;

    /// <summary>Characters counted exactly; longer texts are estimated from this many (a task of a novel's length is still counted in milliseconds).</summary>
    public const int ExactLimit = 256 * 1024;

    private static readonly Lazy<Task<Tokenizer>> Loader = new(() => Task.Run(() => (Tokenizer)TiktokenTokenizer.CreateForEncoding("o200k_base")));

    /// <summary>
    /// Loads the encoding (a few hundred milliseconds, once per process) without blocking the caller's thread: agents
    /// starting together await it instead of each blocking a thread-pool thread on it.
    /// </summary>
    public static Task EnsureLoadedAsync(CancellationToken cancellationToken = default) => Loader.Value.WaitAsync(cancellationToken);

    /// <summary>Tokens in <paramref name="text"/> (estimated past <see cref="ExactLimit"/> characters).</summary>
    public static int Count(string? text, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        var tokenizer = Loader.Value.GetAwaiter().GetResult();
        if (text.Length <= SliceSize)
        {
            return tokenizer.CountTokens(text);
        }

        int exactLength = Math.Min(text.Length, ExactLimit);
        long counted = 0;
        int start = 0;
        while (start < exactLength)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int end = Math.Min(start + SliceSize, exactLength);
            if (end < text.Length)
            {
                // Cut before whitespace when the slice has some (o200k keeps a space with the word after it), so words are
                // not split and the count matches the whole text's; an unbroken run of characters is cut where it must be.
                int space = text.AsSpan(start, end - start).LastIndexOfAny(' ', '\n', '\t');
                if (space > 0)
                {
                    end = start + space;
                }
            }

            counted += tokenizer.CountTokens(text.AsSpan(start, end - start));
            start = end;
        }

        return text.Length == exactLength ? (int)counted : (int)Math.Min(int.MaxValue, counted * (double)text.Length / exactLength);
    }

    /// <summary>Tokens in a conversation's text (the prompt side of a call).</summary>
    public static int Count(IEnumerable<ChatMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        int total = 0;
        foreach (var message in messages)
        {
            total += Count(message.Text, cancellationToken);
        }

        return total;
    }

    /// <summary>Usage of a call whose provider did not report it.</summary>
    public static TokenUsage Estimate(IEnumerable<ChatMessage> prompt, string output, CancellationToken cancellationToken = default)
    {
        long input = Count(prompt, cancellationToken), generated = Count(output, cancellationToken);
        return new TokenUsage(input, generated, input + generated);
    }
}
