namespace Swarms.Durable.Storage;

/// <summary>An activity call waiting to run or running under a lease.</summary>
/// <param name="Id">The store's id.</param>
/// <param name="InstanceId">The orchestration that scheduled it.</param>
/// <param name="TaskId">The scheduling id.</param>
/// <param name="Name">The activity name.</param>
/// <param name="Input">The serialized input.</param>
/// <param name="Attempt">The delivery attempt (1-based).</param>
public sealed record ActivityWorkItem(long Id, string InstanceId, int TaskId, string Name, string? Input, int Attempt);
