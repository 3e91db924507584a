using System.Diagnostics.Metrics;

namespace Swarms.SignalR;

/// <summary>The counters as .NET metrics, for OpenTelemetry or <c>dotnet-counters</c>.</summary>
public sealed partial class SignalRPublisher
{
    /// <summary>
    /// The meter the publisher reports on (<c>AddMeter("Swarms.SignalR")</c> in OpenTelemetry): observable counters
    /// <c>swarms.signalr.messages.published</c>, <c>.sent</c>, <c>.retried</c>, <c>.dropped</c>, <c>.failed</c>,
    /// and the up-down counter <c>swarms.signalr.messages.pending</c>, the same numbers as <see cref="Counters"/>.
    /// </summary>
    public const string MeterName = "Swarms.SignalR";

    /// <summary>This publisher's meter (each publisher has its own, all named <see cref="MeterName"/>).</summary>
    internal Meter Meter => _meter;

    private Meter CreateMeter()
    {
        var meter = new Meter(MeterName);
        meter.CreateObservableCounter("swarms.signalr.messages.published", () => Interlocked.Read(ref _published), "{message}", "Messages handed to Publish.");
        meter.CreateObservableCounter("swarms.signalr.messages.sent", () => Interlocked.Read(ref _sent), "{message}", "Messages Azure SignalR accepted.");
        meter.CreateObservableCounter("swarms.signalr.messages.retried", () => Interlocked.Read(ref _retried), "{attempt}", "Send attempts that were retried.");
        meter.CreateObservableCounter("swarms.signalr.messages.dropped", () => Interlocked.Read(ref _dropped), "{message}", "Messages dropped unsent (buffer full, shutdown).");
        meter.CreateObservableCounter("swarms.signalr.messages.failed", () => Interlocked.Read(ref _failed), "{message}", "Messages given up after retries or refused for good.");
        meter.CreateObservableUpDownCounter("swarms.signalr.messages.pending", () => Counters.Pending, "{message}", "Messages waiting or in flight.");
        return meter;
    }
}
