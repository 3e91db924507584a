namespace Swarms.Api.Live;

/// <summary>The SignalR names of the live channel (DESIGN.md §6), the same on both hosts.</summary>
public static class RunGroups
{
    /// <summary>The hub every web client connects to.</summary>
    public const string Hub = "swarms";

    /// <summary>The client method that receives a run's events: one argument, an array of one run's events in seq order.</summary>
    public const string EventsTarget = "events";

    /// <summary>The group of run <paramref name="runId"/>: every connection subscribed to it. Run ids are checked
    /// (<see cref="Validation.RunIds"/>), so the name is safe in a REST path.</summary>
    public static string Of(string runId) => "run-" + runId;
}
