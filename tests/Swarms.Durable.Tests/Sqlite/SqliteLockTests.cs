using DurableTask.Core;
using DurableTask.Core.History;
using Swarms.Durable.Sqlite;

namespace Swarms.Durable.Tests.Sqlite;

/// <summary>The guarantees of DurableTask.Core's worker contract, on a real SQLite file with two lock owners.</summary>
public sealed class SqliteLockTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task LockNext_InstanceLockedByOneOwner_IsNotHandedToAnother()
    {
        await using var s = new TwoServices(TimeSpan.FromMinutes(1));
        await s.A.CreateTaskOrchestrationAsync(TwoServices.Start("i1"));
        await s.A.StartAsync();
        await s.B.StartAsync();

        var a = await s.A.LockNextTaskOrchestrationWorkItemAsync(Long, CancellationToken.None);
        var b = await s.B.LockNextTaskOrchestrationWorkItemAsync(Short, CancellationToken.None);

        Assert.Equal("i1", a.InstanceId);
        Assert.Null(b);
    }

    [Fact]
    public async Task LockNext_AfterTheOwnerDiedAndItsLeaseExpired_HandsTheFullHistoryAndEveryVisibleMessageToAnother()
    {
        await using var s = new TwoServices(TimeSpan.FromSeconds(1));
        await s.A.CreateTaskOrchestrationAsync(TwoServices.Start("i1"));
        await s.A.StartAsync();
        var first = await s.A.LockNextTaskOrchestrationWorkItemAsync(Long, CancellationToken.None);
        await TwoServices.CompleteEpisodeAsync(s.A, first);
        await s.A.SendTaskOrchestrationMessageAsync(TwoServices.Raise("i1", "one"));
        await s.A.SendTaskOrchestrationMessageAsync(TwoServices.Raise("i1", "two"));
        s.A.Dispose(); // dies holding the lock: nothing is released, renewals stop

        await s.B.StartAsync();
        var taken = await s.B.LockNextTaskOrchestrationWorkItemAsync(Long, CancellationToken.None);

        Assert.Equal("i1", taken.InstanceId);
        Assert.Equal(
            [EventType.OrchestratorStarted, EventType.ExecutionStarted, EventType.OrchestratorCompleted],
            taken.OrchestrationRuntimeState.Events.Select(e => e.EventType));
        Assert.Equal(["one", "two"], taken.NewMessages.Select(m => ((EventRaisedEvent)m.Event).Name));
    }

    [Fact]
    public async Task CompleteEpisode_LockTakenByAnotherWorker_IsRefusedAndWritesNothing()
    {
        await using var s = new TwoServices(TimeSpan.FromMinutes(1));
        await s.A.CreateTaskOrchestrationAsync(TwoServices.Start("i1"));
        await s.A.StartAsync();
        var item = await s.A.LockNextTaskOrchestrationWorkItemAsync(Long, CancellationToken.None);

        s.StealInstance("i1");

        await Assert.ThrowsAsync<LockLostException>(() => TwoServices.CompleteEpisodeAsync(s.A, item, TwoServices.Activity("i1", 0)));
        Assert.Equal(0, s.Count("SELECT COUNT(*) FROM dt_history WHERE instance_id = $id", "i1"));
        Assert.Equal(1, s.Count("SELECT COUNT(*) FROM dt_messages WHERE instance_id = $id", "i1"));
        Assert.Equal(0, s.Count("SELECT COUNT(*) FROM dt_activities WHERE instance_id = $id", "i1"));
    }

    [Fact]
    public async Task CompleteEpisode_WhileLocked_AppendsHistoryDeletesConsumedMessagesAndSchedulesActivitiesTogether()
    {
        await using var s = new TwoServices(TimeSpan.FromMinutes(1));
        await s.A.CreateTaskOrchestrationAsync(TwoServices.Start("i1"));
        await s.A.StartAsync();
        var item = await s.A.LockNextTaskOrchestrationWorkItemAsync(Long, CancellationToken.None);

        await TwoServices.CompleteEpisodeAsync(s.A, item, TwoServices.Activity("i1", 0), TwoServices.Activity("i1", 1));

        Assert.Equal(3, s.Count("SELECT COUNT(*) FROM dt_history WHERE instance_id = $id", "i1"));
        Assert.Equal(0, s.Count("SELECT COUNT(*) FROM dt_messages WHERE instance_id = $id", "i1"));
        Assert.Equal(2, s.Count("SELECT COUNT(*) FROM dt_activities WHERE instance_id = $id", "i1"));
        Assert.Equal((long)OrchestrationStatus.Running, s.Count("SELECT status FROM dt_instances WHERE instance_id = $id", "i1"));
    }

    [Fact]
    public async Task CompleteActivity_LeaseTakenByAnotherWorker_IsRefusedAndItsResultDropped()
    {
        await using var s = new TwoServices(TimeSpan.FromMinutes(1));
        await s.A.CreateTaskOrchestrationAsync(TwoServices.Start("i1"));
        await s.A.StartAsync();
        var item = await s.A.LockNextTaskOrchestrationWorkItemAsync(Long, CancellationToken.None);
        await TwoServices.CompleteEpisodeAsync(s.A, item, TwoServices.Activity("i1", 0));
        await s.A.ReleaseTaskOrchestrationWorkItemAsync(item);
        var activity = await s.A.LockNextTaskActivityWorkItem(Long, CancellationToken.None);

        s.StealActivities("i1");
        var result = new TaskMessage { OrchestrationInstance = activity.TaskMessage.OrchestrationInstance, Event = new TaskCompletedEvent(-1, 0, "\"done\"") };

        await Assert.ThrowsAsync<LockLostException>(() => s.A.CompleteTaskActivityWorkItemAsync(activity, result));
        Assert.Equal(0, s.Count("SELECT COUNT(*) FROM dt_messages WHERE instance_id = $id", "i1"));
        Assert.Equal(1, s.Count("SELECT COUNT(*) FROM dt_activities WHERE instance_id = $id", "i1"));
    }

    [Fact]
    public async Task CompleteActivity_OrchestrationLoadedHere_HandsTheResultOverAndStoresItOnlyIfNoEpisodeConsumedIt()
    {
        await using var s = new TwoServices(TimeSpan.FromMinutes(1));
        await s.A.CreateTaskOrchestrationAsync(TwoServices.Start("i1"));
        await s.A.StartAsync();
        var item = await s.A.LockNextTaskOrchestrationWorkItemAsync(Long, CancellationToken.None);
        await TwoServices.CompleteEpisodeAsync(s.A, item, TwoServices.Activity("i1", 0));
        var activity = await s.A.LockNextTaskActivityWorkItem(Long, CancellationToken.None);
        var result = new TaskMessage { OrchestrationInstance = activity.TaskMessage.OrchestrationInstance, Event = new TaskCompletedEvent(-1, 0, "\"done\"") };

        await s.A.CompleteTaskActivityWorkItemAsync(activity, result);
        var handedOver = (s.Count("SELECT COUNT(*) FROM dt_messages WHERE instance_id = $id", "i1"), s.Count("SELECT COUNT(*) FROM dt_activities WHERE instance_id = $id", "i1"));
        await s.A.ReleaseTaskOrchestrationWorkItemAsync(item);

        Assert.Equal((0L, 1L), handedOver); // in memory only; the activity stays leased until an episode commits it
        Assert.Equal(1, s.Count("SELECT COUNT(*) FROM dt_messages WHERE instance_id = $id", "i1"));
        Assert.Equal(0, s.Count("SELECT COUNT(*) FROM dt_activities WHERE instance_id = $id", "i1"));
    }

    [Fact]
    public async Task ActivityLease_OwnerDied_AnotherWorkerTakesTheActivityAfterExpiry()
    {
        await using var s = new TwoServices(TimeSpan.FromSeconds(1));
        await s.A.CreateTaskOrchestrationAsync(TwoServices.Start("i1"));
        await s.A.StartAsync();
        var item = await s.A.LockNextTaskOrchestrationWorkItemAsync(Long, CancellationToken.None);
        await TwoServices.CompleteEpisodeAsync(s.A, item, TwoServices.Activity("i1", 0));
        var leased = await s.A.LockNextTaskActivityWorkItem(Long, CancellationToken.None);
        s.A.Dispose();

        await s.B.StartAsync();
        var taken = await s.B.LockNextTaskActivityWorkItem(Long, CancellationToken.None);

        Assert.Equal(leased.Id, taken.Id);
        Assert.Equal("Act", ((TaskScheduledEvent)taken.TaskMessage.Event).Name);
    }

    [Fact]
    public async Task RenewActivityLock_WhileHeld_ExtendsTheLease()
    {
        await using var s = new TwoServices(TimeSpan.FromSeconds(5));
        await s.A.CreateTaskOrchestrationAsync(TwoServices.Start("i1"));
        await s.A.StartAsync();
        var item = await s.A.LockNextTaskOrchestrationWorkItemAsync(Long, CancellationToken.None);
        await TwoServices.CompleteEpisodeAsync(s.A, item, TwoServices.Activity("i1", 0));
        var activity = await s.A.LockNextTaskActivityWorkItem(Long, CancellationToken.None);
        var before = s.Count("SELECT locked_until FROM dt_activities WHERE instance_id = $id", "i1");

        var renewed = await s.A.RenewTaskActivityWorkItemLockAsync(activity);

        Assert.True(s.Count("SELECT locked_until FROM dt_activities WHERE instance_id = $id", "i1") >= before);
        Assert.Equal(renewed.LockedUntilUtc.Ticks, s.Count("SELECT locked_until FROM dt_activities WHERE instance_id = $id", "i1"));
    }

    [Fact]
    public async Task TimerMessage_BeforeItsFireTime_IsNotHandedOut()
    {
        await using var s = new TwoServices(TimeSpan.FromMinutes(1));
        await s.A.CreateTaskOrchestrationAsync(TwoServices.Start("i1"));
        await s.A.StartAsync();
        var item = await s.A.LockNextTaskOrchestrationWorkItemAsync(Long, CancellationToken.None);
        await TwoServices.CompleteEpisodeAsync(s.A, item);
        await s.A.ReleaseTaskOrchestrationWorkItemAsync(item);
        var late = DateTime.UtcNow.AddHours(1);
        var soon = DateTime.UtcNow.AddSeconds(1);
        await s.A.SendTaskOrchestrationMessageAsync(Timer("i1", 1, late));

        var none = await s.A.LockNextTaskOrchestrationWorkItemAsync(Short, CancellationToken.None);
        await s.A.SendTaskOrchestrationMessageAsync(Timer("i1", 2, soon));
        var fired = await s.A.LockNextTaskOrchestrationWorkItemAsync(Long, CancellationToken.None);

        Assert.Null(none);
        Assert.True(DateTime.UtcNow >= soon, "handed out before its fire time");
        Assert.Equal(2, Assert.IsType<TimerFiredEvent>(Assert.Single(fired.NewMessages).Event).TimerId);
    }

    [Fact]
    public async Task Create_IdOfAnUnfinishedInstance_IsRefused()
    {
        await using var s = new TwoServices(TimeSpan.FromMinutes(1));
        await s.A.CreateTaskOrchestrationAsync(TwoServices.Start("i1"));

        await Assert.ThrowsAsync<DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException>(() => s.A.CreateTaskOrchestrationAsync(TwoServices.Start("i1")));
    }

    private static TaskMessage Timer(string id, int timerId, DateTime fireAt) => new()
    {
        OrchestrationInstance = new OrchestrationInstance { InstanceId = id, ExecutionId = "e1" },
        Event = new TimerFiredEvent(-1, fireAt) { TimerId = timerId },
    };
}
