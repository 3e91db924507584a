namespace Swarms.Infra.Tests;

/// <summary>The test collection sharing one compiled and linted template (<see cref="InfraFixture"/>).</summary>
[CollectionDefinition(Name)]
public sealed class CompiledInfra : ICollectionFixture<InfraFixture>
{
    public const string Name = "compiled infra";
}
