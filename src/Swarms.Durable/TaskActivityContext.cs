namespace Swarms.Durable;

/// <summary>What an activity knows about the call that started it.</summary>
/// <param name="Name">The registered activity name.</param>
/// <param name="InstanceId">The orchestration instance that scheduled it.</param>
/// <param name="TaskId">The scheduling id within that orchestration (stable across replays).</param>
/// <param name="Attempt">1 on first delivery; increased each time the work item is delivered again after
/// its process died while running it.</param>
/// <param name="CancellationToken">Fires when the engine shuts down; the work item is then released and
/// runs again later.</param>
public sealed record TaskActivityContext(
    string Name,
    string InstanceId,
    int TaskId,
    int Attempt,
    CancellationToken CancellationToken);
