using System.ClientModel;
using System.Net;

namespace Swarms.Agents.Tests.Models;

public sealed class ModelFailuresTests
{
    public static TheoryData<Exception, bool> Failures => new()
    {
        { new HttpRequestException("refused"), true },
        { new HttpRequestException("busy", null, HttpStatusCode.TooManyRequests), true },
        { new HttpRequestException("down", null, HttpStatusCode.BadGateway), true },
        { new HttpRequestException("bad", null, HttpStatusCode.BadRequest), false },
        { new HttpRequestException("no key", null, HttpStatusCode.Unauthorized), false },
        { new ClientResultException("no response"), true },
        { new IOException("connection reset"), true },
        { new TimeoutException(), true },
        { new TaskCanceledException("network timeout"), true },
        { new InvalidOperationException("wrapped", new IOException("cut")), true },
        { new InvalidOperationException("a bug"), false },
        { new ArgumentException("bad request shape"), false },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void IsTransient_Failure_IsRetriedOnlyWhenAnotherAttemptCanSucceed(Exception failure, bool transient)
    {
        Assert.Equal(transient, ModelFailures.IsTransient(failure));
    }

    [Theory]
    [InlineData(1, 100)]
    [InlineData(2, 200)]
    [InlineData(3, 400)]
    [InlineData(10, 1000)]
    public void Backoff_NoRetryAfter_DoublesFromTheFirstDelayUpToTheMaximum(int attempt, int expectedMs)
    {
        var delay = ModelFailures.Backoff(new IOException(), attempt, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1));

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), delay);
    }

    [Fact]
    public void Describe_MultiLineMessage_IsOneLineNamingTheExceptionType()
    {
        var text = ModelFailures.Describe(new IOException("stream\n\n  ended early"));

        Assert.Equal("IOException: stream ended early", text);
    }
}
