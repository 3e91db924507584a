using Swarms.Durable.History;
using Swarms.Durable.Storage;
using Swarms.Durable.Tests.Infrastructure;

namespace Swarms.Durable.Tests.Storage;

public sealed class SqliteOrchestrationStoreTests : IAsyncLifetime
{
    private static readonly DateTime Now = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly string _path = DurableTestHost.NewDatabasePath();
    private SqliteOrchestrationStore _store = null!;

    public Task InitializeAsync()
    {
        _store = new SqliteOrchestrationStore(new SqliteOrchestrationStoreOptions { Path = _path });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        DurableTestHost.DeleteDatabase(_path);
    }

    [Fact]
    public async Task TryLockInstanceAsync_LeaseHeldByAnotherOwner_IsRefusedUntilItExpires()
    {
        await CreateAsync("i1");

        var first = await _store.TryLockInstanceAsync("i1", "a", Now, Now.AddSeconds(30), default);
        var refused = await _store.TryLockInstanceAsync("i1", "b", Now.AddSeconds(10), Now.AddSeconds(40), default);
        var afterExpiry = await _store.TryLockInstanceAsync("i1", "b", Now.AddSeconds(31), Now.AddSeconds(61), default);

        Assert.NotNull(first);
        Assert.Null(refused);
        Assert.NotNull(afterExpiry);
    }

    [Fact]
    public async Task CommitEpisodeAsync_LeaseLost_ThrowsAndWritesNothing()
    {
        await CreateAsync("i1");
        await _store.TryLockInstanceAsync("i1", "a", Now, Now.AddSeconds(1), default);
        await _store.TryLockInstanceAsync("i1", "b", Now.AddSeconds(2), Now.AddSeconds(30), default);

        await Assert.ThrowsAsync<LeaseLostException>(() => _store.CommitEpisodeAsync(
            new EpisodeCheckpoint
            {
                InstanceId = "i1", Owner = "a", Now = Now, Status = OrchestrationRuntimeStatus.Running,
                AppendHistory = [new OrchestratorStarted { Timestamp = Now }],
            },
            default));

        Assert.Empty(await _store.GetHistoryAsync("i1", default));
    }

    [Fact]
    public async Task LockReadyActivitiesAsync_ExpiredLeaseOfDeadOwner_IsRedeliveredWithAttemptIncreased()
    {
        await CreateAsync("i1");
        await _store.TryLockInstanceAsync("i1", "dead", Now, Now.AddSeconds(5), default);
        var created = await _store.CommitEpisodeAsync(
            new EpisodeCheckpoint
            {
                InstanceId = "i1", Owner = "dead", Now = Now, Status = OrchestrationRuntimeStatus.Running,
                Activities = [new TaskScheduled(0, "Work", null)], LeaseUntil = Now.AddSeconds(5),
            },
            default);

        var whileLeased = await _store.LockReadyActivitiesAsync("alive", Now.AddSeconds(1), Now.AddSeconds(31), 10, default);
        var afterExpiry = await _store.LockReadyActivitiesAsync("alive", Now.AddSeconds(6), Now.AddSeconds(36), 10, default);

        Assert.Equal(1, Assert.Single(created).Attempt);
        Assert.Empty(whileLeased);
        Assert.Equal(2, Assert.Single(afterExpiry).Attempt);
    }

    [Fact]
    public async Task CompleteActivityAsync_FinishedOnce_SecondCompletionIsRejected()
    {
        await CreateAsync("i1");
        await _store.TryLockInstanceAsync("i1", "a", Now, Now.AddSeconds(30), default);
        var item = Assert.Single(await _store.CommitEpisodeAsync(
            new EpisodeCheckpoint
            {
                InstanceId = "i1", Owner = "a", Now = Now, Status = OrchestrationRuntimeStatus.Running,
                Activities = [new TaskScheduled(0, "Work", null)], LeaseUntil = Now.AddSeconds(30),
            },
            default));

        var first = await _store.CompleteActivityAsync(item, "a", new TaskCompleted(0, "1"), Now, default);
        var second = await _store.CompleteActivityAsync(item, "a", new TaskCompleted(0, "1"), Now, default);

        Assert.True(first);
        Assert.False(second);
        var messages = await _store.ReadMessagesAsync("i1", Now, default);
        Assert.Single(messages, m => m.Event is TaskCompleted);
    }

    private Task CreateAsync(string id) =>
        _store.CreateInstanceAsync(new CreateInstanceRequest(id, "Orchestrator", null, Now, Now, []), default);
}
