using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Swarms.Durable.Tests.Conformance;

/// <summary>The client's management operations: status, terminate, suspend/resume, purge, query, id reuse.</summary>
public abstract partial class ConformanceTests<TFixture>
{
    [Fact]
    public async Task CustomStatus_SetByTheOrchestrator_IsVisibleWhileItRuns()
    {
        var id = BackendFixture.NewId();
        await Host.Client.ScheduleNewOrchestrationInstanceAsync("CustomStatus", "drafting", new StartOrchestrationOptions { InstanceId = id });

        await Wait(async () => (await Host.Client.GetInstanceAsync(id, getInputsAndOutputs: true))?.SerializedCustomStatus?.Contains("drafting", StringComparison.Ordinal) == true, "the custom status is visible");
        await Host.Client.RaiseEventAsync(id, "go", "done");
        var result = await Host.WaitAsync(id);

        Assert.Equal("done", result.ReadOutputAs<string>());
        Assert.Contains("drafting", result.SerializedCustomStatus, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Terminate_RecursiveWithARunningChild_TerminatesBoth()
    {
        var id = BackendFixture.NewId();
        await Host.Client.ScheduleNewOrchestrationInstanceAsync("ParentOfWaiter", null, new StartOrchestrationOptions { InstanceId = id });
        await Host.WaitForStatusAsync(id + "-child", OrchestrationRuntimeStatus.Running);

        await Host.Client.TerminateInstanceAsync(id, new TerminateInstanceOptions("stop", Recursive: true));
        var parent = await Host.WaitAsync(id);
        var child = await Host.WaitAsync(id + "-child");

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, parent.RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, child.RuntimeStatus);
        Assert.Equal("stop", parent.ReadOutputAs<string>());
    }

    [Fact]
    public async Task SuspendResume_EventRaisedWhileSuspended_IsHandledOnlyAfterResume()
    {
        var id = BackendFixture.NewId();
        await Host.Client.ScheduleNewOrchestrationInstanceAsync("CustomStatus", "waiting", new StartOrchestrationOptions { InstanceId = id });
        await Host.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running);

        await Host.Client.SuspendInstanceAsync(id, "pause");
        await Host.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Suspended);
        await Host.Client.RaiseEventAsync(id, "go", "resumed");
        var whileSuspended = await Host.Client.GetInstanceAsync(id);
        await Host.Client.ResumeInstanceAsync(id, "continue");
        var result = await Host.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Suspended, whileSuspended!.RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("resumed", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Purge_ById_DeletesAFinishedInstanceAndRefusesARunningOne()
    {
        var done = (await Host.RunAsync("Sequence", new[] { "x" })).InstanceId;
        var running = BackendFixture.NewId();
        await Host.Client.ScheduleNewOrchestrationInstanceAsync("WaitForever", null, new StartOrchestrationOptions { InstanceId = running });
        await Host.WaitForStatusAsync(running, OrchestrationRuntimeStatus.Running);

        var purged = await Host.Client.PurgeInstanceAsync(done);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Host.Client.PurgeInstanceAsync(running));

        Assert.Equal(1, purged.PurgedInstanceCount);
        Assert.Null(await Host.Client.GetInstanceAsync(done));
        Assert.NotNull(await Host.Client.GetInstanceAsync(running));
        await Host.Client.TerminateInstanceAsync(running);
    }

    [Fact]
    public async Task Purge_ByFilter_DeletesOnlyFinishedInstancesInTheRange()
    {
        var from = DateTimeOffset.UtcNow;
        var a = (await Host.RunAsync("Sequence", new[] { "a" })).InstanceId;
        var b = (await Host.RunAsync("Unhandled", "b")).InstanceId;
        var running = BackendFixture.NewId();
        await Host.Client.ScheduleNewOrchestrationInstanceAsync("WaitForever", null, new StartOrchestrationOptions { InstanceId = running });
        await Host.WaitForStatusAsync(running, OrchestrationRuntimeStatus.Running);

        var unfinishedOnly = await Host.Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(from, null, [OrchestrationRuntimeStatus.Running]));
        var finished = await Host.Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(from, DateTimeOffset.UtcNow.AddMinutes(1), [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed]));

        Assert.Equal(0, unfinishedOnly.PurgedInstanceCount);
        Assert.True(finished.PurgedInstanceCount >= 2, $"purged {finished.PurgedInstanceCount}");
        Assert.Null(await Host.Client.GetInstanceAsync(a));
        Assert.Null(await Host.Client.GetInstanceAsync(b));
        Assert.NotNull(await Host.Client.GetInstanceAsync(running));
        await Host.Client.TerminateInstanceAsync(running);
    }

    [Fact]
    public async Task Query_ByPrefixWithPageSizeTwo_ReturnsEveryInstanceOnceAcrossPages()
    {
        var prefix = "q" + BackendFixture.NewId()[..8] + "-";
        var ids = Enumerable.Range(0, 5).Select(i => prefix + i).ToList();
        foreach (var id in ids)
        {
            await Host.RunAsync("Sequence", new[] { id }, id);
        }

        var pages = new List<int>();
        var seen = new List<string>();
        var query = new OrchestrationQuery { InstanceIdPrefix = prefix, PageSize = 2, FetchInputsAndOutputs = true };
        await foreach (var page in Host.Client.GetAllInstancesAsync(query).AsPages())
        {
            pages.Add(page.Values.Count);
            seen.AddRange(page.Values.Select(m => m.InstanceId));
            Assert.All(page.Values, m => Assert.Equal(OrchestrationRuntimeStatus.Completed, m.RuntimeStatus));
        }

        Assert.Equal(ids.Order(), seen.Order());
        Assert.All(pages, count => Assert.InRange(count, 0, 2));
    }

    [Fact]
    public async Task Query_ByStatus_ReturnsOnlyThatStatus()
    {
        var running = BackendFixture.NewId();
        await Host.Client.ScheduleNewOrchestrationInstanceAsync("WaitForever", null, new StartOrchestrationOptions { InstanceId = running });
        await Host.WaitForStatusAsync(running, OrchestrationRuntimeStatus.Running);

        var found = new List<OrchestrationMetadata>();
        await foreach (var m in Host.Client.GetAllInstancesAsync(new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Running] }))
        {
            found.Add(m);
        }

        Assert.Contains(found, m => m.InstanceId == running);
        Assert.All(found, m => Assert.Equal(OrchestrationRuntimeStatus.Running, m.RuntimeStatus));
        await Host.Client.TerminateInstanceAsync(running);
    }

    [Fact]
    public async Task Schedule_IdOfAFinishedInstance_StartsItAgain()
    {
        var id = BackendFixture.NewId();
        await Host.RunAsync("Sequence", new[] { "first" }, id);

        var second = await Host.RunAsync("Sequence", new[] { "second" }, id);

        Assert.Equal("Hello, second!", second.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Schedule_IdDedupedOnItsStatus_Throws()
    {
        var id = BackendFixture.NewId();
        await Host.RunAsync("Sequence", new[] { "once" }, id);

        await Assert.ThrowsAnyAsync<OrchestrationAlreadyExistsException>(() => Host.Client.ScheduleNewOrchestrationInstanceAsync(
            "Sequence", new[] { "twice" }, new StartOrchestrationOptions { InstanceId = id, DedupeStatuses = ["Completed"] }));
    }

    [Fact]
    public async Task Schedule_StartAtInTheFuture_StaysPendingUntilThen()
    {
        var id = BackendFixture.NewId();
        var startAt = DateTimeOffset.UtcNow.AddSeconds(2);
        await Host.Client.ScheduleNewOrchestrationInstanceAsync("Sequence", new[] { "later" }, new StartOrchestrationOptions { InstanceId = id, StartAt = startAt });

        var before = await Host.Client.GetInstanceAsync(id);
        var result = await Host.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Pending, before!.RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.True(result.LastUpdatedAt >= startAt - Host.TimerTolerance, $"finished at {result.LastUpdatedAt:O}, before its start time {startAt:O}");
    }

    private static Task Wait(Func<Task<bool>> condition, string what) => Swarms.Testing.Wait.UntilAsync(condition, what);
}
