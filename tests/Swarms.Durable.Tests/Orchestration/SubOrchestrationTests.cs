using Swarms.Durable.Tests.Infrastructure;

namespace Swarms.Durable.Tests.Orchestration;

public sealed class SubOrchestrationTests
{
    [Fact]
    public async Task CallSubOrchestratorAsync_ChildCompletes_ReturnsChildOutputAndLinksParent()
    {
        await using var host = await DurableTestHost.StartAsync(r => r
            .AddOrchestratorFunc<int, int>("Parent", async (ctx, n) =>
            {
                var a = ctx.CallSubOrchestratorAsync<int>("Child", n, new SubOrchestrationOptions("child-a"));
                var b = ctx.CallSubOrchestratorAsync<int>("Child", n + 1);
                return (await a) + (await b);
            })
            .AddOrchestratorFunc<int, int>("Child", (ctx, n) => ctx.CallActivityAsync<int>("Double", n))
            .AddActivityFunc<int, int>("Double", (_, n) => n * 2));

        var metadata = await host.RunAsync("Parent", 10, "parent");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, metadata.RuntimeStatus);
        Assert.Equal(42, metadata.ReadOutputAs<int>());
        var child = await host.Client.GetInstanceAsync("child-a");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, child!.RuntimeStatus);
        Assert.Equal("parent", child.ParentInstanceId);
    }

    [Fact]
    public async Task CallSubOrchestratorAsync_ChildFails_ThrowsTaskFailedExceptionInParent()
    {
        await using var host = await DurableTestHost.StartAsync(r => r
            .AddOrchestratorFunc<object?, string>("Parent", async (ctx, _) =>
            {
                try
                {
                    return await ctx.CallSubOrchestratorAsync<string>("Child");
                }
                catch (TaskFailedException ex)
                {
                    return $"caught {ex.FailureDetails.ErrorType}: {ex.FailureDetails.ErrorMessage}";
                }
            })
            .AddOrchestratorFunc<object?, string>("Child", (_, _) => throw new InvalidOperationException("child broke")));

        var metadata = await host.RunAsync("Parent");

        Assert.Equal("caught System.InvalidOperationException: child broke", metadata.ReadOutputAs<string>());
    }
}
