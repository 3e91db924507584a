using DurableTask.Core;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Swarms.Durable.Client;
using Swarms.Durable.Hosting;
using Swarms.Durable.Sqlite;

namespace Swarms.Durable.Tests.Hosting;

public sealed class RegistrationTests
{
    [Fact]
    public async Task AddSwarmsDurable_InMemory_ResolvesTheSdkClientAndTheBackendContracts()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSwarmsDurable(o => o.UseInMemory());
        await using var provider = services.BuildServiceProvider();

        Assert.IsType<SwarmsDurableTaskClient>(provider.GetRequiredService<DurableTaskClient>());
        Assert.IsType<SqliteOrchestrationService>(provider.GetRequiredService<IOrchestrationService>());
        Assert.Same(provider.GetRequiredService<IOrchestrationService>(), provider.GetRequiredService<IOrchestrationServiceClient>());
    }

    [Fact]
    public void AddSwarmsDurable_WithoutABackend_ThrowsNamingTheChoices()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddSwarmsDurable(_ => { }));

        Assert.Contains("UseSqlite", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UseSqlite_InvalidOptions_FailWhenTheBackendIsBuilt()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSwarmsDurable(o => o.UseSqlite("x.db", s => s.LockDuration = TimeSpan.Zero));
        using var provider = services.BuildServiceProvider();

        Assert.Throws<ArgumentOutOfRangeException>(() => provider.GetRequiredService<IOrchestrationService>());
    }
}
