using Swarms.Durable.Tests.Infrastructure;

namespace Swarms.Durable.Tests.Orchestration;

public sealed class ContextTests
{
    [Fact]
    public async Task SetCustomStatus_SmallValue_IsVisibleToClients()
    {
        await using var host = await DurableTestHost.StartAsync(r => r
            .AddOrchestratorFunc<object?, string>("Status", async (ctx, _) =>
            {
                ctx.SetCustomStatus(new { step = "waiting" });
                return await ctx.WaitForExternalEvent<string>("go");
            }));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Status");

        await host.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running);
        var metadata = await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true);

        Assert.Equal("""{"step":"waiting"}""", metadata!.SerializedCustomStatus);
    }

    [Fact]
    public async Task SetCustomStatus_Over16KB_FailsWithClearError()
    {
        await using var host = await DurableTestHost.StartAsync(r => r
            .AddOrchestratorFunc<object?, string>("Big", (ctx, _) =>
            {
                ctx.SetCustomStatus(new string('x', 17 * 1024));
                return Task.FromResult("unreachable");
            }));

        var metadata = await host.RunAsync("Big");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, metadata.RuntimeStatus);
        Assert.Equal(typeof(ArgumentException).FullName, metadata.FailureDetails!.ErrorType);
        Assert.Contains("limit is 16384 bytes (16 KB)", metadata.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallActivityAsync_ActivityContext_CarriesInstanceNameTaskIdAndAttempt()
    {
        await using var host = await DurableTestHost.StartAsync(r => r
            .AddOrchestratorFunc<object?, string>("Ctx", async (ctx, _) =>
            {
                await ctx.CallActivityAsync<string>("Describe");
                return await ctx.CallActivityAsync<string>("Describe");
            })
            .AddActivityFunc<object?, string>("Describe", (c, _) => $"{c.InstanceId}/{c.Name}/{c.TaskId}/{c.Attempt}"));

        var metadata = await host.RunAsync("Ctx", null, "ctx-1");

        Assert.Equal("ctx-1/Describe/1/1", metadata.ReadOutputAs<string>());
    }

    [Fact]
    public async Task CallActivityAsync_UnregisteredActivity_FailsTheCallNotTheEngine()
    {
        await using var host = await DurableTestHost.StartAsync(r => r
            .AddOrchestratorFunc<object?, string>("Missing", (ctx, _) => ctx.CallActivityAsync<string>("Nope")));

        var metadata = await host.RunAsync("Missing");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, metadata.RuntimeStatus);
        Assert.Contains("No activity named 'Nope'", metadata.FailureDetails!.InnerFailure!.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_UnregisteredOrchestrator_Fails()
    {
        await using var host = await DurableTestHost.StartAsync(_ => { });

        var metadata = await host.RunAsync("Ghost");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, metadata.RuntimeStatus);
        Assert.Contains("No orchestrator named 'Ghost'", metadata.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
    }
}
