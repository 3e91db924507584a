namespace Swarms.SignalR;

/// <summary>A snapshot of what a <see cref="SignalRPublisher"/> has done since it was created.</summary>
/// <param name="Published">Calls to <see cref="SignalRPublisher.Publish"/>.</param>
/// <param name="Sent">Messages the service accepted.</param>
/// <param name="Retried">Attempts that were retried (one message may be retried several times).</param>
/// <param name="Dropped">Messages dropped unsent: the oldest when the buffer was full, those published after shutdown
/// began, and those still waiting or in flight when the shutdown deadline passed.</param>
/// <param name="Failed">Messages given up: out of attempts, refused for good (400, 403, 404, 413), or not serialisable.</param>
/// <param name="Pending">Messages waiting or in flight now.</param>
public readonly record struct SignalRPublisherCounters(long Published, long Sent, long Retried, long Dropped, long Failed, long Pending);
