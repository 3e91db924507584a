namespace Swarms.Durable.Tests.Processes;

/// <summary>
/// The tests that run worker processes (and Azurites) take turns: each starts several processes, and on two cores
/// running them side by side only slows every lease renewal they depend on.
/// </summary>
[CollectionDefinition(Name)]
public sealed class WorkerProcessTests
{
    public const string Name = "Worker processes";
}
