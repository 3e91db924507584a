using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Swarms.Agents.Tests.Support;

/// <summary>Wraps a chat client and counts its streaming calls, keeping the size of each call's conversation.</summary>
internal sealed class CountingChatClient(IChatClient inner) : DelegatingChatClient(inner)
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public List<int> MessageCounts { get; } = [];

    /// <summary>When set, call number N (1-based) throws this before streaming anything.</summary>
    public Func<int, Exception?>? FailCall { get; init; }

    /// <summary>When set and it returns a count for call N, that call's stream is cut (IOException) after that many updates.</summary>
    public Func<int, int?>? CutCallAfter { get; init; }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        int call = Interlocked.Increment(ref _calls);
        lock (MessageCounts)
        {
            MessageCounts.Add(list.Count);
        }

        if (FailCall?.Invoke(call) is { } failure)
        {
            throw failure;
        }

        int? cut = CutCallAfter?.Invoke(call);
        int yielded = 0;
        await foreach (var update in base.GetStreamingResponseAsync(list, options, cancellationToken).ConfigureAwait(false))
        {
            if (yielded++ == cut)
            {
                throw new IOException("stream cut mid-way (simulated)");
            }

            yield return update;
        }
    }
}
