using System.Diagnostics.Metrics;
using Swarms.SignalR.Tests.Fakes;
using Swarms.SignalR.Tests.Support;

namespace Swarms.SignalR.Tests.Publishing;

public sealed class SignalRPublisherMetricsTests
{
    [Fact]
    public async Task Meter_AfterSendsAndDrops_ReportsTheCounters()
    {
        await using var service = await FakeSignalRService.StartAsync();
        var release = new TaskCompletionSource();
        service.Enqueue(FakeBehavior.Hold(release.Task));
        var publisher = new SignalRPublisher(TestSettings.Client(TestSettings.Options(service, o => o.Capacity = 1)));
        publisher.Publish("run-1", "events", 1);
        await Eventually.TrueAsync(() => service.Calls.Count == 1, "the first send reached the service");
        publisher.Publish("run-1", "events", 2);
        publisher.Publish("run-1", "events", 3);
        release.SetResult();
        await publisher.FlushAsync();

        var measured = Measure(publisher);
        await publisher.DisposeAsync();

        Assert.Equal(3, measured["swarms.signalr.messages.published"]);
        Assert.Equal(2, measured["swarms.signalr.messages.sent"]);
        Assert.Equal(1, measured["swarms.signalr.messages.dropped"]);
        Assert.Equal(0, measured["swarms.signalr.messages.failed"]);
        Assert.Equal(0, measured["swarms.signalr.messages.pending"]);
    }

    /// <summary>Reads this publisher's instruments once (other tests' publishers have meters of the same name).</summary>
    private static Dictionary<string, long> Measure(SignalRPublisher publisher)
    {
        var values = new Dictionary<string, long>();
        var meter = publisher.Meter;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter, meter))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => values[instrument.Name] = value);
        listener.Start();
        listener.RecordObservableInstruments();
        return values;
    }
}
