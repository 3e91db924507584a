using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Net.Http.Headers;
using Swarms.Agents.Streaming;
using Swarms.Api.Validation;
using Swarms.Orchestration.RunLog;

namespace Swarms.Api.Live;

/// <summary>
/// <c>GET /api/runs/{id}/events</c> with <c>Accept: text/event-stream</c>: the run's logged events after a sequence
/// number as Server-Sent Events, then live until the run ends. Each event is <c>id: seq</c>, <c>event:</c> its AG-UI
/// name (<see cref="AgUiEventNames"/>) and <c>data:</c> its one JSON form; a client that reconnects sends
/// <c>Last-Event-ID</c> (which wins over <c>?after=</c>) and gets what follows, nothing twice.
/// </summary>
/// <remarks>
/// The stream reads the run log, the authority, not a live channel: woken at once by <see cref="RunEventSignals"/> when
/// the events are logged in this process, and polling every <see cref="PollInterval"/> otherwise. It ends after
/// <c>RunCompleted</c> or <c>RunFailed</c>, or when the durable instance has ended with nothing more logged
/// (terminated), or when the client goes.
/// </remarks>
internal sealed class RunEventStream(IRunLog log, DurableTaskClient client, string runId, long after, RunEventSignals? signals) : IResult
{
    public const string ContentType = "text/event-stream";

    internal static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    private static readonly TimeSpan StatusInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(15);

    /// <summary>Whether the client asked for SSE.</summary>
    public static bool IsRequested(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals(ContentType, StringComparison.OrdinalIgnoreCase));

    /// <summary>Where the stream starts: <c>Last-Event-ID</c> when sent, else <paramref name="after"/>.</summary>
    /// <exception cref="ApiProblemException">Last-Event-ID is not a sequence number.</exception>
    public static long StartAfter(HttpRequest request, long after)
    {
        var last = request.Headers["Last-Event-ID"];
        if (last.Count == 0 || string.IsNullOrWhiteSpace(last.ToString()))
        {
            return after;
        }

        return long.TryParse(last.ToString().Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seq)
            ? seq
            : throw ApiProblemException.BadRequest("Last-Event-ID", "must be the id (a sequence number) of an event this stream sent");
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        var aborted = httpContext.RequestAborted;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no"; // proxies must not hold events back
        httpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()?.DisableBuffering();
        await response.Body.FlushAsync(aborted).ConfigureAwait(false);

        long last = after;
        var statusDue = DateTimeOffset.UtcNow + StatusInterval;
        var keepAliveDue = DateTimeOffset.UtcNow + KeepAliveInterval;
        var text = new StringBuilder();
        try
        {
            while (!aborted.IsCancellationRequested)
            {
                var woken = signals?.NextAsync(runId) ?? Task.CompletedTask;
                var events = await log.ReadAsync(runId, last, 1000, aborted).ConfigureAwait(false);
                bool ended = false;
                if (events.Count > 0)
                {
                    text.Clear();
                    foreach (var evt in events)
                    {
                        Append(text, evt);
                        last = evt.Seq;
                        ended |= evt is RunCompleted or RunFailed;
                    }

                    await response.WriteAsync(text.ToString(), aborted).ConfigureAwait(false);
                    await response.Body.FlushAsync(aborted).ConfigureAwait(false);
                    keepAliveDue = DateTimeOffset.UtcNow + KeepAliveInterval;
                    if (ended)
                    {
                        return;
                    }

                    if (events.Count == 1000)
                    {
                        continue; // more are logged already
                    }
                }

                var now = DateTimeOffset.UtcNow;
                if (now >= statusDue)
                {
                    statusDue = now + StatusInterval;
                    var metadata = await client.GetInstanceAsync(runId, getInputsAndOutputs: false, aborted).ConfigureAwait(false);
                    if (metadata is null || metadata.IsCompleted)
                    {
                        // Ended without a run event (terminated), or purged: one last read, then stop.
                        var rest = await log.ReadAsync(runId, last, 1000, aborted).ConfigureAwait(false);
                        if (rest.Count == 0)
                        {
                            return;
                        }

                        continue;
                    }
                }

                if (now >= keepAliveDue)
                {
                    keepAliveDue = now + KeepAliveInterval;
                    await response.WriteAsync(": keep-alive\n\n", aborted).ConfigureAwait(false);
                    await response.Body.FlushAsync(aborted).ConfigureAwait(false);
                }

                await Task.WhenAny(woken, Task.Delay(PollInterval, aborted)).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away: nothing to finish.
        }
    }

    /// <summary>One SSE event. The JSON form has no raw newlines (they are escaped), so one <c>data:</c> line holds it.</summary>
    internal static void Append(StringBuilder text, SwarmEvent evt) =>
        text.Append("id: ").Append(evt.Seq.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append("event: ").Append(AgUiEventNames.Of(evt)).Append('\n')
            .Append("data: ").Append(SwarmEventJson.Serialize(evt)).Append("\n\n");
}
