using Swarms.Durable.History;
using Swarms.Durable.Orchestration;
using Swarms.Durable.Tests.Infrastructure;

namespace Swarms.Durable.Tests.Orchestration;

public sealed class DeterminismTests
{
    [Fact]
    public async Task Replay_CodeCallsDifferentActivityThanHistory_FailsNamingExpectedAndActual()
    {
        var version = 1;
        await using var host = await DurableTestHost.StartAsync(r => r
            .AddOrchestratorFunc<object?, string>("Changing", async (ctx, _) =>
            {
                await ctx.CallActivityAsync<string>(Volatile.Read(ref version) == 1 ? "ChargeCard" : "SendEmail");
                return await ctx.WaitForExternalEvent<string>("go");
            })
            .AddActivityFunc<object?, string>("ChargeCard", (_, _) => "charged")
            .AddActivityFunc<object?, string>("SendEmail", (_, _) => "sent"));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Changing");
        await DurableTestHost.WaitUntilAsync(
            async () => (await host.Client.GetHistoryAsync(id)).OfType<TaskCompleted>().Any(), "the first activity completed");

        Volatile.Write(ref version, 2);
        await host.Client.RaiseEventAsync(id, "go", "x");
        var metadata = await host.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, metadata.RuntimeStatus);
        Assert.Equal(typeof(NonDeterministicOrchestrationException).FullName, metadata.FailureDetails!.ErrorType);
        Assert.Contains("CallActivityAsync(\"ChargeCard\")", metadata.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("CallActivityAsync(\"SendEmail\")", metadata.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_CodeSchedulesTimerWhereHistoryHasActivity_FailsWithNonDeterminism()
    {
        var version = 1;
        await using var host = await DurableTestHost.StartAsync(r => r
            .AddOrchestratorFunc<object?, string>("Changing", async (ctx, _) =>
            {
                if (Volatile.Read(ref version) == 1)
                {
                    await ctx.CallActivityAsync<string>("Work");
                }
                else
                {
                    await ctx.CreateTimer(TimeSpan.FromMilliseconds(1));
                }

                return await ctx.WaitForExternalEvent<string>("go");
            })
            .AddActivityFunc<object?, string>("Work", (_, _) => "ok"));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Changing");
        await DurableTestHost.WaitUntilAsync(
            async () => (await host.Client.GetHistoryAsync(id)).OfType<TaskCompleted>().Any(), "the activity completed");

        Volatile.Write(ref version, 2);
        await host.Client.RaiseEventAsync(id, "go", "x");
        var metadata = await host.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, metadata.RuntimeStatus);
        Assert.Contains("CreateTimer", metadata.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewGuid_AcrossReplays_ReturnsSameValues()
    {
        await using var host = await DurableTestHost.StartAsync(r => r
            .AddOrchestratorFunc<object?, string>("Guids", async (ctx, _) =>
            {
                var before = ctx.NewGuid();
                var echoed = await ctx.CallActivityAsync<Guid>("Echo", before);
                var after = ctx.NewGuid();
                return before == echoed && before != after ? "stable" : "unstable";
            })
            .AddActivityFunc<Guid, Guid>("Echo", (_, g) => g));

        var metadata = await host.RunAsync("Guids");

        Assert.Equal("stable", metadata.ReadOutputAs<string>());
    }
}
