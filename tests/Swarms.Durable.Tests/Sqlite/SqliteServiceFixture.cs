using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.Data.Sqlite;
using Swarms.Durable.Sqlite;
using Swarms.Testing;

namespace Swarms.Durable.Tests.Sqlite;

/// <summary>
/// Two <see cref="SqliteOrchestrationService"/>s on one temporary file: two lock owners, as two worker processes
/// would be, driven through DurableTask.Core's worker contract directly.
/// </summary>
internal sealed class TwoServices : IAsyncDisposable
{
    private readonly TempDatabase _database = new("swarms-locks");

    public TwoServices(TimeSpan lockDuration)
    {
        A = Open(lockDuration);
        B = Open(lockDuration);
    }

    public string Path => _database.Path;

    public SqliteOrchestrationService A { get; }

    public SqliteOrchestrationService B { get; }

    public static TaskMessage Start(string id) => new()
    {
        OrchestrationInstance = new OrchestrationInstance { InstanceId = id, ExecutionId = "e1" },
        Event = new ExecutionStartedEvent(-1, "\"in\"") { Name = "Test", OrchestrationInstance = new OrchestrationInstance { InstanceId = id, ExecutionId = "e1" } },
    };

    public static TaskMessage Raise(string id, string name) => new()
    {
        OrchestrationInstance = new OrchestrationInstance { InstanceId = id },
        Event = new EventRaisedEvent(-1, "\"x\"") { Name = name },
    };

    public static TaskMessage Activity(string id, int taskId) => new()
    {
        OrchestrationInstance = new OrchestrationInstance { InstanceId = id, ExecutionId = "e1" },
        Event = new TaskScheduledEvent(taskId, "Act", string.Empty, "\"in\""),
    };

    /// <summary>Runs one episode by hand: the new messages become history; <paramref name="activities"/> are scheduled.</summary>
    public static Task CompleteEpisodeAsync(SqliteOrchestrationService service, TaskOrchestrationWorkItem item, params TaskMessage[] activities)
    {
        var state = item.OrchestrationRuntimeState;
        state.AddEvent(new OrchestratorStartedEvent(-1));
        foreach (var message in item.NewMessages)
        {
            state.AddEvent(message.Event);
        }

        state.AddEvent(new OrchestratorCompletedEvent(-1));
        var status = new OrchestrationState
        {
            OrchestrationInstance = state.OrchestrationInstance,
            Name = state.Name,
            OrchestrationStatus = OrchestrationStatus.Running,
            CreatedTime = DateTime.UtcNow,
            LastUpdatedTime = DateTime.UtcNow,
        };
        return service.CompleteTaskOrchestrationWorkItemAsync(item, state, activities, [], [], null!, status);
    }

    /// <summary>Another worker takes the instance's lock (as it would once the lease expired).</summary>
    public void StealInstance(string id) =>
        Run("UPDATE dt_instances SET lock_owner = 'intruder', locked_until = $until WHERE instance_id = $id", id);

    public void StealActivities(string id) =>
        Run("UPDATE dt_activities SET lock_owner = 'intruder', locked_until = $until WHERE instance_id = $id", id);

    /// <summary>A number read straight from the file (a separate connection, as another process would).</summary>
    public long Count(string sql, string id) => (long)Run(sql, id)!;

    public async ValueTask DisposeAsync()
    {
        foreach (var service in new[] { A, B })
        {
            await service.StopAsync(isForced: true);
            service.Dispose();
        }

        _database.Dispose();
    }

    private SqliteOrchestrationService Open(TimeSpan lockDuration) =>
        new(new SqliteOrchestrationServiceOptions { Path = Path, LockDuration = lockDuration, PollingInterval = TimeSpan.FromMilliseconds(50), SessionIdleTimeout = TimeSpan.Zero });

    private object? Run(string sql, string id)
    {
        using var connection = new SqliteConnection($"Data Source={Path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", id);
        if (sql.Contains("$until", StringComparison.Ordinal))
        {
            command.Parameters.AddWithValue("$until", DateTime.UtcNow.AddHours(1).Ticks);
        }

        return command.ExecuteScalar();
    }
}
