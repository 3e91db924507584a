using Swarms.SignalR.Publishing;

namespace Swarms.SignalR.Tests.Publishing;

public sealed class RetryDelayTests
{
    private static readonly TimeSpan Initial = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(1, 0.0, 100)]
    [InlineData(1, 0.999999, 200)]
    [InlineData(2, 0.0, 200)]
    [InlineData(3, 0.5, 600)]
    [InlineData(7, 0.0, 5_000)]
    [InlineData(40, 1.0, 10_000)]
    public void Next_NoRetryAfter_ExponentialWithEqualJitterCapped(int attempt, double random, int expectedMs)
    {
        var wait = RetryDelay.Next(attempt, null, Initial, Max, random);

        Assert.Equal(expectedMs, wait.TotalMilliseconds, precision: 0);
    }

    [Fact]
    public void Next_RetryAfter_TakesPrecedenceWithoutJitter()
    {
        Assert.Equal(TimeSpan.FromSeconds(4), RetryDelay.Next(1, TimeSpan.FromSeconds(4), Initial, Max, 0.9));
    }

    [Fact]
    public void Next_RetryAfterBeyondMaxOrNegative_Clamped()
    {
        Assert.Equal(Max, RetryDelay.Next(1, TimeSpan.FromMinutes(5), Initial, Max, 0.5));
        Assert.Equal(TimeSpan.Zero, RetryDelay.Next(1, TimeSpan.FromSeconds(-3), Initial, Max, 0.5));
    }
}
