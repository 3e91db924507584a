using System.Diagnostics;
using Microsoft.Extensions.AI;
using Swarms.Agents.Models;

namespace Swarms.Agents.Tests.Models;

public sealed class LocalChatClientTests
{
    private static readonly ChatMessage[] Conversation =
    [
        new(ChatRole.System, "You are a technical analyst who reads charts."),
        new(ChatRole.User, "Analyze NVDA price action this week"),
    ];

    private static async Task<(string Text, List<ChatResponseUpdate> Updates)> StreamAsync(
        LocalChatClient client, IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync(messages, options, cancellationToken))
        {
            updates.Add(update);
        }

        return (string.Concat(updates.Select(u => u.Text)), updates);
    }

    private static LocalChatClient Fast() => new(new LocalModelOptions { TokensPerSecond = 0 });

    [Fact]
    public async Task GetStreamingResponseAsync_SameConversation_SameTextAndDifferentTaskDifferentText()
    {
        var (first, _) = await StreamAsync(Fast(), Conversation);
        var (second, _) = await StreamAsync(Fast(), Conversation);
        var (other, _) = await StreamAsync(Fast(), [Conversation[0], new ChatMessage(ChatRole.User, "Analyze AMD volume")]);

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
        Assert.Contains("Technical analysis", first, StringComparison.Ordinal);
        Assert.Contains("NVDA", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_NoLimit_UsageEqualsTokenCounterCountsAndFinishIsStop()
    {
        var (text, updates) = await StreamAsync(Fast(), Conversation);

        var last = updates[^1];
        Assert.Equal(ChatFinishReason.Stop, last.FinishReason);
        var usage = Assert.Single(last.Contents.OfType<UsageContent>()).Details;
        Assert.Equal(TokenCounter.Count(Conversation), usage.InputTokenCount);
        Assert.Equal(TokenCounter.Count(text), usage.OutputTokenCount);
        Assert.Equal(usage.InputTokenCount + usage.OutputTokenCount, usage.TotalTokenCount);
        Assert.True(updates.Count > 20);
        Assert.All(updates, u => Assert.Equal(LocalModelOptions.ModelName, u.ModelId));
    }

    [Fact]
    public async Task GetStreamingResponseAsync_MaxOutputTokens_StopsWithinTheLimitWithFinishReasonLength()
    {
        var (full, _) = await StreamAsync(Fast(), Conversation);

        var (text, updates) = await StreamAsync(Fast(), Conversation, new ChatOptions { MaxOutputTokens = 15 });

        Assert.Equal(ChatFinishReason.Length, updates[^1].FinishReason);
        var usage = Assert.Single(updates[^1].Contents.OfType<UsageContent>()).Details;
        Assert.InRange(usage.OutputTokenCount!.Value, 10, 15);
        Assert.Equal(TokenCounter.Count(text), usage.OutputTokenCount);
        Assert.StartsWith(text, full, StringComparison.Ordinal);
        Assert.True(text.Length < full.Length);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_TokensPerSecond_StreamsAtThatPace()
    {
        var client = new LocalChatClient(new LocalModelOptions { TokensPerSecond = 100 });
        var stopwatch = Stopwatch.StartNew();

        var (_, updates) = await StreamAsync(client, Conversation, new ChatOptions { MaxOutputTokens = 20 });

        // 20 tokens at 100 tokens/s take 200 ms; the bound is loose so a busy machine cannot make it flaky.
        var usage = updates[^1].Contents.OfType<UsageContent>().Single().Details;
        Assert.InRange(usage.OutputTokenCount!.Value, 17, 20);
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(150), $"took {stopwatch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task GetStreamingResponseAsync_Cancelled_ThrowsOperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        var client = new LocalChatClient(new LocalModelOptions { TokensPerSecond = 20 });
        int received = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in client.GetStreamingResponseAsync(Conversation, null, cts.Token))
            {
                if (++received == 2)
                {
                    await cts.CancelAsync();
                }
            }
        }).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(2, received);
    }

    [Fact]
    public async Task GetResponseAsync_Conversation_ReturnsTheStreamedTextWithUsage()
    {
        var (streamed, _) = await StreamAsync(Fast(), Conversation);

        var response = await Fast().GetResponseAsync(Conversation);

        Assert.Equal(streamed, response.Text);
        Assert.Equal(TokenCounter.Count(streamed), response.Usage?.OutputTokenCount);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
    }

    [Fact]
    public void GetService_Metadata_NamesTheModelAsAStandIn()
    {
        using var client = Fast();

        var metadata = client.GetService<ChatClientMetadata>();

        Assert.Equal(LocalModelOptions.ModelName, metadata?.DefaultModelId);
        Assert.Contains("not an LLM", metadata!.DefaultModelId, StringComparison.Ordinal);
    }
}
