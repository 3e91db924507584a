using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Swarms.Durable.Tests.Conformance;

/// <summary>
/// One conformance suite, run on every backend (the derived classes in ConformanceSuites.cs): the same orchestrators,
/// written against the real Durable Task SDK, must behave the same on each.
/// </summary>
public abstract partial class ConformanceTests<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : BackendFixture
{
    protected TFixture Host { get; } = fixture;

    [Fact]
    public async Task Activities_CalledInSequence_ReturnTheirResultsInOrder()
    {
        var result = await Host.RunAsync("Sequence", new[] { "Tokyo", "Seattle", "London" });

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("Hello, Tokyo! Hello, Seattle! Hello, London!", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task TaskClasses_RegisteredByType_AreBuiltThroughDependencyInjection()
    {
        var result = await Host.RunAsync(nameof(GreeterOrchestrator), "Ada");

        Assert.Equal("Welcome, Ada.", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Context_InAnOrchestrator_ReportsInstanceNameGuidAndUtcTime()
    {
        var id = BackendFixture.NewId();
        var result = await Host.RunAsync("Context", instanceId: id);

        var values = result.ReadOutputAs<string[]>()!;
        Assert.Equal(id, values[0]);
        Assert.Equal("Context", values[1]);
        Assert.True(Guid.TryParse(values[2], out _));
        Assert.Equal(nameof(DateTimeKind.Utc), values[3]);
    }

    [Fact]
    public async Task RetryPolicy_ActivityFailsTwice_SucceedsOnTheThirdAttempt()
    {
        var key = BackendFixture.NewId();
        var result = await Host.RunAsync("Retry", new FlakyInput(key, Failures: 2, MaxAttempts: 3));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("ok after 3", result.ReadOutputAs<string>());
        Assert.Equal(3, ConformanceTasks.Attempts[key]);
    }

    [Fact]
    public async Task RetryPolicy_AttemptsExhausted_FailsTheOrchestrationWithTheActivitysError()
    {
        var key = BackendFixture.NewId();
        var result = await Host.RunAsync("Retry", new FlakyInput(key, Failures: 5, MaxAttempts: 2));

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal(2, ConformanceTasks.Attempts[key]);
        Assert.Contains("attempt 2 failed", result.FailureDetails!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailureDetails_ActivityThrows_OrchestratorCatchesTypeAndMessage()
    {
        var result = await Host.RunAsync("CatchFailure", "disk full");

        Assert.Equal("System.InvalidOperationException: disk full", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task FailureDetails_UnhandledActivityFailure_FailsTheInstanceWithDetails()
    {
        var result = await Host.RunAsync("Unhandled", "out of tokens");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.NotNull(result.FailureDetails);
        Assert.Contains("out of tokens", result.FailureDetails!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownOrchestrator_Scheduled_FailsWithAClearMessage()
    {
        var result = await Host.RunAsync("NoSuchOrchestrator");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Contains("NoSuchOrchestrator", result.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
    }
}
