using Microsoft.Extensions.Hosting;

namespace Swarms.SignalR.DependencyInjection;

/// <summary>
/// Flushes the <see cref="SignalRPublisher"/> when the host stops, within the publisher's shutdown timeout and the
/// host's own deadline, so the last messages of a run go out before the process exits. Being a hosted service also
/// creates the publisher (and parses the connection string) when the host starts: bad settings fail the start, not
/// the first run.
/// </summary>
internal sealed class PublisherShutdownService(SignalRPublisher publisher) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => publisher.StopAsync(cancellationToken);
}
