namespace Swarms.Host.Tests.Support;

/// <summary>
/// Tests that start Azurite or host processes run one after another (not beside each other): on 2 cores they would
/// otherwise starve each other's timers and race for free ports.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ProcessHeavy
{
    public const string Name = "process-heavy";
}
