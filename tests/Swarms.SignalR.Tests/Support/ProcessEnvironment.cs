namespace Swarms.SignalR.Tests.Support;

/// <summary>Tests that set process environment variables (the managed identity endpoint) run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironment
{
    public const string Name = "Process environment";
}
