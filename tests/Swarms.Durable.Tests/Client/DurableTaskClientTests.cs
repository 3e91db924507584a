using Swarms.Durable.Client;
using Swarms.Durable.History;
using Swarms.Durable.Tests.Infrastructure;

namespace Swarms.Durable.Tests.Client;

public sealed class DurableTaskClientTests
{
    private static void Register(DurableTaskRegistry r) => r
        .AddOrchestratorFunc<string, string>("Echo", (_, s) => Task.FromResult(s))
        .AddOrchestratorFunc<object?, string>("Waiter", (ctx, _) => ctx.WaitForExternalEvent<string>("go"));

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_IdOfRunningInstance_IsRefused()
    {
        await using var host = await DurableTestHost.StartAsync(Register);
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", null, new StartOrchestrationOptions("same"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", null, new StartOrchestrationOptions("same")));

        Assert.Contains("'same' already exists", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_IdOfFinishedInstance_ReplacesUnlessDeduplicated()
    {
        await using var host = await DurableTestHost.StartAsync(Register);
        await host.RunAsync("Echo", "first", "reused");

        var second = await host.RunAsync("Echo", "second", "reused");
        var dedupe = new StartOrchestrationOptions("reused") { DedupeStatuses = [OrchestrationRuntimeStatus.Completed] };
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => host.Client.ScheduleNewOrchestrationInstanceAsync("Echo", "third", dedupe));

        Assert.Equal("second", second.ReadOutputAs<string>());
        Assert.Contains("de-duplication", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetInstanceAsync_WithAndWithoutPayloads_FillsInputsOnlyWhenAsked()
    {
        await using var host = await DurableTestHost.StartAsync(Register);
        var id = (await host.RunAsync("Echo", "hello")).InstanceId;

        var bare = await host.Client.GetInstanceAsync(id);
        var full = await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true);

        Assert.Equal("Echo", bare!.Name);
        Assert.Null(bare.SerializedInput);
        Assert.Null(bare.SerializedOutput);
        Assert.Equal("hello", full!.ReadInputAs<string>());
        Assert.Equal("hello", full.ReadOutputAs<string>());
        Assert.True(full.LastUpdatedAt >= full.CreatedAt);
        Assert.Null(await host.Client.GetInstanceAsync("unknown"));
    }

    [Fact]
    public async Task QueryInstancesAsync_StatusFilterAndPaging_ReturnsEveryMatchOnce()
    {
        await using var host = await DurableTestHost.StartAsync(Register);
        for (var i = 0; i < 5; i++)
        {
            await host.RunAsync("Echo", $"{i}", $"q-{i}");
        }

        var waiting = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", null, new StartOrchestrationOptions("q-waiting"));
        await host.WaitForStatusAsync(waiting, OrchestrationRuntimeStatus.Running);

        var query = new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Completed], PageSize = 2, InstanceIdPrefix = "q-" };
        var first = await host.Client.QueryInstancesAsync(query);
        var all = new List<OrchestrationMetadata>();
        await foreach (var m in host.Client.GetAllInstancesAsync(query))
        {
            all.Add(m);
        }

        Assert.Equal(2, first.Instances.Count);
        Assert.NotNull(first.ContinuationToken);
        Assert.Equal(["q-0", "q-1", "q-2", "q-3", "q-4"], all.Select(m => m.InstanceId).Order());
        var running = await host.Client.QueryInstancesAsync(new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Running] });
        Assert.Equal("q-waiting", Assert.Single(running.Instances).InstanceId);
    }

    [Fact]
    public async Task RaiseEventAsync_UnknownInstance_Throws()
    {
        await using var host = await DurableTestHost.StartAsync(Register);

        await Assert.ThrowsAsync<InvalidOperationException>(() => host.Client.RaiseEventAsync("missing", "go"));
    }

    [Fact]
    public async Task GetHistoryAsync_CompletedInstance_ReturnsEventsInOrder()
    {
        await using var host = await DurableTestHost.StartAsync(Register);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter");
        await host.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running);
        await host.Client.RaiseEventAsync(id, "go", "x");
        await host.WaitAsync(id);

        var history = await host.Client.GetHistoryAsync(id);

        Assert.Collection(
            history,
            e => Assert.IsType<OrchestratorStarted>(e),
            e => Assert.IsType<ExecutionStarted>(e),
            e => Assert.IsType<OrchestratorStarted>(e),
            e => Assert.Equal("go", Assert.IsType<EventRaised>(e).Name),
            e => Assert.Equal(OrchestrationRuntimeStatus.Completed, Assert.IsType<ExecutionCompleted>(e).Status));
    }
}
