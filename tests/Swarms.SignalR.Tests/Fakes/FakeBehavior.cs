using System.Net;

namespace Swarms.SignalR.Tests.Fakes;

/// <summary>How the fake service answers one REST call (after checking and recording it).</summary>
public abstract record FakeBehavior
{
    /// <summary>Answers as Azure SignalR does: 202 for sends, 200 for group membership and health.</summary>
    public static FakeBehavior Normal { get; } = new NormalBehavior();

    /// <summary>Answers with a status, optionally with <c>Retry-After</c> (seconds, or an HTTP date when <paramref name="asDate"/>).</summary>
    public static FakeBehavior Status(HttpStatusCode status, int? retryAfterSeconds = null, bool asDate = false) =>
        new StatusBehavior(status, retryAfterSeconds, asDate);

    /// <summary>Waits until <paramref name="release"/> completes (or the caller gives up), then answers normally.</summary>
    public static FakeBehavior Hold(Task release) => new HoldBehavior(release);

    /// <summary>Closes the connection without an answer.</summary>
    public static FakeBehavior Abort { get; } = new AbortBehavior();

    internal sealed record NormalBehavior : FakeBehavior;

    internal sealed record StatusBehavior(HttpStatusCode Code, int? RetryAfterSeconds, bool AsDate) : FakeBehavior;

    internal sealed record HoldBehavior(Task Release) : FakeBehavior;

    internal sealed record AbortBehavior : FakeBehavior;
}
