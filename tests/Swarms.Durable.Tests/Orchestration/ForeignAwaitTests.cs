using Swarms.Durable.Orchestration;
using Swarms.Durable.Tests.Infrastructure;

namespace Swarms.Durable.Tests.Orchestration;

public sealed class ForeignAwaitTests
{
    public static TheoryData<string> Cases => ["delay", "run", "configureAwait", "delayAlongsideActivity"];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Orchestrator_AwaitsTaskNotFromContext_FailsWithForeignAwaitError(string kind)
    {
        await using var host = await DurableTestHost.StartAsync(r => r
            .AddOrchestratorFunc<string, string>("Bad", async (ctx, k) =>
            {
                switch (k)
                {
                    case "delay":
                        await Task.Delay(20);
                        break;
                    case "run":
                        await Task.Run(() => Thread.Sleep(20));
                        break;
                    case "configureAwait":
                        await ctx.CallActivityAsync<string>("Slow").ConfigureAwait(false);
                        await ctx.CallActivityAsync<string>("Slow");
                        break;
                    default:
                        await Task.WhenAll(ctx.CallActivityAsync<string>("Slow"), Task.Delay(20));
                        break;
                }

                return "finished";
            })
            .AddActivityFunc<object?, string>("Slow", async (_, _) =>
            {
                await Task.Delay(100);
                return "slow";
            }));

        var metadata = await host.RunAsync("Bad", kind);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, metadata.RuntimeStatus);
        Assert.Contains(typeof(ForeignAwaitException).FullName!, metadata.FailureDetails!.ToString() + metadata.FailureDetails.InnerFailure, StringComparison.Ordinal);
        Assert.Contains("not created by the orchestration context", metadata.FailureDetails.ErrorMessage + metadata.FailureDetails.InnerFailure?.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Orchestrator_AwaitsTaskYield_IsAllowed()
    {
        await using var host = await DurableTestHost.StartAsync(r => r
            .AddOrchestratorFunc<object?, string>("Yield", async (ctx, _) =>
            {
                await Task.Yield();
                return await ctx.CallActivityAsync<string>("Echo", "ok");
            })
            .AddActivityFunc<string, string>("Echo", (_, s) => s));

        var metadata = await host.RunAsync("Yield");

        Assert.Equal("ok", metadata.ReadOutputAs<string>());
    }
}
