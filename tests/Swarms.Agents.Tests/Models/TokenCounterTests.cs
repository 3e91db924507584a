using Microsoft.Extensions.AI;
using Swarms.Agents.Models;
using Swarms.Agents.Streaming;
using Swarms.Agents.Tests.Support;

namespace Swarms.Agents.Tests.Models;

public sealed class TokenCounterTests
{
    private static readonly string Megabyte = new('x', 1024 * 1024);

    [Fact]
    public void Count_TextOfSeveralSlices_MatchesTheTokenizersCountOfTheWholeText()
    {
        var text = string.Join(' ', Enumerable.Range(1, 3000).Select(i => $"word{i}"));
        var whole = Microsoft.ML.Tokenizers.TiktokenTokenizer.CreateForEncoding("o200k_base").CountTokens(text);

        Assert.True(text.Length > 4 * TokenCounter.SliceSize);
        Assert.Equal(whole, TokenCounter.Count(text));
    }

    [Fact]
    public async Task Count_MegabyteWithoutWhitespace_IsBoundedAndEstimatedPastTheExactLimit()
    {
        // Unsliced, the BPE over one megabyte-long word runs for minutes; the guard only catches a hang.
        int count = await Task.Run(() => TokenCounter.Count(Megabyte)).WaitAsync(TimeSpan.FromSeconds(60));

        int exact = TokenCounter.Count(Megabyte[..TokenCounter.ExactLimit]);
        Assert.Equal(exact * 4, count, tolerance: 4);
    }

    [Fact]
    public void Count_Cancelled_ThrowsBeforeCountingALargeText()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.Throws<OperationCanceledException>(() => TokenCounter.Count(Megabyte, cts.Token));
    }

    [Fact]
    public async Task RunAsync_MegabyteTaskWithoutWhitespaceCancelled_StopsWithOperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        var options = TestAgents.Options(TestAgents.Local(tokensPerSecond: 20));
        options.StreamingCallback = _ => cts.Cancel();

        var run = new Agent(options).RunAsync(Megabyte, cts.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public async Task RunAsync_MegabyteTaskWithoutWhitespace_CompletesWithUsage()
    {
        var infos = new List<TokenInfo>();

        await new Agent(TestAgents.Options()).RunAsync(Megabyte, infos.Add).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(infos[^1].Usage!.InputTokens > 100_000);
    }

    [Fact]
    public void Estimate_ConversationMessages_SumsTheirTokens()
    {
        ChatMessage[] prompt = [new(ChatRole.System, "You are brief."), new(ChatRole.User, "Hello there")];

        var usage = TokenCounter.Estimate(prompt, "Hi!");

        Assert.Equal(TokenCounter.Count("You are brief.") + TokenCounter.Count("Hello there"), usage.InputTokens);
        Assert.Equal(usage.InputTokens + usage.OutputTokens, usage.TotalTokens);
    }
}
