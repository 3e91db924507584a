using DurableTask.Core;
using DurableTask.Core.History;
using DurableTask.Core.Tracing;
using Swarms.Durable.Internal;

namespace Swarms.Durable.Tests.Sqlite;

/// <summary>History events and task messages are stored in DurableTask.Core's own JSON form; every type round-trips.</summary>
public sealed class CoreJsonRoundTripTests
{
    private static readonly Dictionary<string, string> Tags = new() { ["tenant"] = "contoso", ["run"] = "42" };
    private static readonly FailureDetails Failure = new("System.InvalidOperationException", "boom", "at X()", new FailureDetails("Inner", "inner boom", null, null, true), false);
    private static readonly OrchestrationInstance Instance = new() { InstanceId = "parent", ExecutionId = "e1" };

    public static TheoryData<HistoryEvent> Events() =>
    [
        new ExecutionStartedEvent(-1, "\"input\"")
        {
            Name = "Swarm", Version = "2", OrchestrationInstance = Instance, Tags = Tags, ScheduledStartTime = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), Generation = 3,
            ParentInstance = new ParentInstance { Name = "Outer", Version = "1", TaskScheduleId = 7, OrchestrationInstance = new OrchestrationInstance { InstanceId = "outer", ExecutionId = "e0" } },
            ParentTraceContext = new DistributedTraceContext("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "state"),
        },
        new ExecutionCompletedEvent(9, "\"out\"", OrchestrationStatus.Failed, Failure),
        new ExecutionTerminatedEvent(-1, "\"stop\""),
        new ExecutionSuspendedEvent(-1, "pause"),
        new ExecutionResumedEvent(-1, "go"),
        new ContinueAsNewEvent(4, "\"next\""),
        new OrchestratorStartedEvent(-1),
        new OrchestratorCompletedEvent(-1),
        new TaskScheduledEvent(1, "Agent", "1", "\"turn\"") { Tags = Tags },
        new TaskCompletedEvent(-1, 1, "\"answer\""),
        new TaskFailedEvent(-1, 1, "reason", "details", Failure),
        new SubOrchestrationInstanceCreatedEvent(2) { Name = "Child", Version = "1", InstanceId = "child-1", Input = "\"in\"", Tags = Tags },
        new SubOrchestrationInstanceCompletedEvent(-1, 2, "\"child out\""),
        new SubOrchestrationInstanceFailedEvent(-1, 2, "reason", "details", Failure),
        new TimerCreatedEvent(3, new DateTime(2026, 5, 6, 7, 8, 9, DateTimeKind.Utc)),
        new TimerFiredEvent(-1, new DateTime(2026, 5, 6, 7, 8, 9, DateTimeKind.Utc)) { TimerId = 3 },
        new EventRaisedEvent(-1, "\"payload\"") { Name = "approval" },
        new EventSentEvent(5) { Name = "ping", InstanceId = "other", Input = "\"x\"" },
        new GenericEvent(-1, "data"),
        new HistoryStateEvent(-1, new OrchestrationState { Name = "Swarm", OrchestrationInstance = Instance, OrchestrationStatus = OrchestrationStatus.Running, Tags = Tags }),
        new ExecutionRewoundEvent(-1, "again"),
    ];

    [Theory]
    [MemberData(nameof(Events))]
    public void HistoryEvent_SerializedAndRead_KeepsItsTypeAndEveryField(HistoryEvent original)
    {
        var json = CoreJson.Serialize(original);
        var read = CoreJson.Deserialize<HistoryEvent>(json);

        Assert.IsType(original.GetType(), read);
        Assert.Equal(original.EventType, read.EventType);
        Assert.Equal(json, CoreJson.Serialize(read));
    }

    [Fact]
    public void Events_CoverEveryConcreteHistoryEventTypeOfDurableTaskCore()
    {
        var covered = ((IEnumerable<object[]>)Events()).Select(row => row[0].GetType()).ToHashSet();
        var all = typeof(HistoryEvent).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(HistoryEvent)) && !t.IsAbstract && t.IsPublic && t.Namespace == "DurableTask.Core.History")
            .ToList();

        Assert.Empty(all.Where(t => !covered.Contains(t)).Select(t => t.Name));
    }

    [Fact]
    public void TaskMessage_WithSubOrchestrationStart_RoundTripsParentAndTags()
    {
        var message = new TaskMessage
        {
            OrchestrationInstance = new OrchestrationInstance { InstanceId = "child-1", ExecutionId = "c1" },
            SequenceNumber = 12,
            Event = new ExecutionStartedEvent(-1, "\"in\"")
            {
                Name = "Child",
                OrchestrationInstance = new OrchestrationInstance { InstanceId = "child-1", ExecutionId = "c1" },
                ParentInstance = new ParentInstance { Name = "Swarm", TaskScheduleId = 2, OrchestrationInstance = Instance },
                Tags = Tags,
            },
        };

        var read = CoreJson.Deserialize<TaskMessage>(CoreJson.Serialize(message));

        var started = Assert.IsType<ExecutionStartedEvent>(read.Event);
        Assert.Equal("parent", started.ParentInstance.OrchestrationInstance.InstanceId);
        Assert.Equal(2, started.ParentInstance.TaskScheduleId);
        Assert.Equal(Tags, started.Tags);
        Assert.Equal(12, read.SequenceNumber);
    }
}
