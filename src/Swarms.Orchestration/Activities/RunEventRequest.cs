using Swarms.Agents.Streaming;

namespace Swarms.Orchestration.Activities;

/// <summary>
/// An event of the run itself (<see cref="RunStarted"/>, <see cref="RunCompleted"/> / <see cref="RunFailed"/>, approval
/// waits) that the orchestrator, which cannot do I/O, asks <see cref="RunEventActivity"/> to log and publish.
/// </summary>
/// <param name="Event">The event, stamped with the run id and the orchestration's time.</param>
/// <param name="Key">Logged once per run under this key, however often the activity runs.</param>
public sealed record RunEventRequest(SwarmEvent Event, string Key);
