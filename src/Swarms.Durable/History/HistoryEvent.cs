using System.Text.Json.Serialization;

namespace Swarms.Durable.History;

/// <summary>
/// One entry of an orchestration's event-sourced history. History is append-only within an execution;
/// replaying it through the orchestrator code rebuilds the orchestrator's state.
/// </summary>
/// <remarks>The type discriminator names are persisted; never rename them.</remarks>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(OrchestratorStarted), "OrchestratorStarted")]
[JsonDerivedType(typeof(ExecutionStarted), "ExecutionStarted")]
[JsonDerivedType(typeof(TaskScheduled), "TaskScheduled")]
[JsonDerivedType(typeof(TaskCompleted), "TaskCompleted")]
[JsonDerivedType(typeof(TaskFailed), "TaskFailed")]
[JsonDerivedType(typeof(SubOrchestrationInstanceCreated), "SubOrchestrationInstanceCreated")]
[JsonDerivedType(typeof(SubOrchestrationInstanceCompleted), "SubOrchestrationInstanceCompleted")]
[JsonDerivedType(typeof(SubOrchestrationInstanceFailed), "SubOrchestrationInstanceFailed")]
[JsonDerivedType(typeof(TimerCreated), "TimerCreated")]
[JsonDerivedType(typeof(TimerFired), "TimerFired")]
[JsonDerivedType(typeof(EventRaised), "EventRaised")]
[JsonDerivedType(typeof(ExecutionCompleted), "ExecutionCompleted")]
[JsonDerivedType(typeof(ExecutionTerminated), "ExecutionTerminated")]
[JsonDerivedType(typeof(ContinueAsNew), "ContinueAsNew")]
[JsonDerivedType(typeof(ExecutionSuspended), "ExecutionSuspended")]
[JsonDerivedType(typeof(ExecutionResumed), "ExecutionResumed")]
public abstract record HistoryEvent
{
    /// <summary>When the event was recorded (UTC).</summary>
    public DateTime Timestamp { get; init; }
}

/// <summary>Marks the start of an episode; its timestamp is the orchestrator's current time.</summary>
public sealed record OrchestratorStarted : HistoryEvent;

/// <summary>The instance started (or restarted by continue-as-new).</summary>
/// <param name="Name">The orchestrator name.</param>
/// <param name="Input">The serialized input.</param>
/// <param name="ParentInstanceId">The parent instance when this is a sub-orchestration.</param>
/// <param name="ParentTaskId">The parent's scheduling id for this sub-orchestration.</param>
public sealed record ExecutionStarted(string Name, string? Input, string? ParentInstanceId = null, int ParentTaskId = -1) : HistoryEvent;

/// <summary>The orchestrator scheduled an activity.</summary>
/// <param name="TaskId">The scheduling id.</param>
/// <param name="Name">The activity name.</param>
/// <param name="Input">The serialized input.</param>
public sealed record TaskScheduled(int TaskId, string Name, string? Input) : HistoryEvent;

/// <summary>An activity returned.</summary>
/// <param name="TaskScheduledId">The scheduling id it answers.</param>
/// <param name="Result">The serialized result.</param>
public sealed record TaskCompleted(int TaskScheduledId, string? Result) : HistoryEvent;

/// <summary>An activity threw.</summary>
/// <param name="TaskScheduledId">The scheduling id it answers.</param>
/// <param name="Failure">What went wrong.</param>
public sealed record TaskFailed(int TaskScheduledId, TaskFailureDetails Failure) : HistoryEvent;

/// <summary>The orchestrator started a sub-orchestration.</summary>
/// <param name="TaskId">The scheduling id.</param>
/// <param name="Name">The sub-orchestrator name.</param>
/// <param name="InstanceId">The child's instance id.</param>
/// <param name="Input">The serialized input.</param>
public sealed record SubOrchestrationInstanceCreated(int TaskId, string Name, string InstanceId, string? Input) : HistoryEvent;

/// <summary>A sub-orchestration completed.</summary>
/// <param name="TaskScheduledId">The scheduling id it answers.</param>
/// <param name="Result">The serialized output.</param>
public sealed record SubOrchestrationInstanceCompleted(int TaskScheduledId, string? Result) : HistoryEvent;

/// <summary>A sub-orchestration failed.</summary>
/// <param name="TaskScheduledId">The scheduling id it answers.</param>
/// <param name="Failure">What went wrong.</param>
public sealed record SubOrchestrationInstanceFailed(int TaskScheduledId, TaskFailureDetails Failure) : HistoryEvent;

/// <summary>The orchestrator created a durable timer.</summary>
/// <param name="TaskId">The scheduling id.</param>
/// <param name="FireAt">When it fires (UTC).</param>
public sealed record TimerCreated(int TaskId, DateTime FireAt) : HistoryEvent;

/// <summary>A durable timer fired.</summary>
/// <param name="TimerId">The scheduling id of the timer.</param>
/// <param name="FireAt">When it was due (UTC).</param>
public sealed record TimerFired(int TimerId, DateTime FireAt) : HistoryEvent;

/// <summary>An external event arrived.</summary>
/// <param name="Name">The event name (matched case-insensitively).</param>
/// <param name="Input">The serialized payload.</param>
public sealed record EventRaised(string Name, string? Input) : HistoryEvent;

/// <summary>The orchestrator finished.</summary>
/// <param name="Status">Completed or Failed.</param>
/// <param name="Result">The serialized output.</param>
/// <param name="Failure">The failure, when failed.</param>
public sealed record ExecutionCompleted(OrchestrationRuntimeStatus Status, string? Result, TaskFailureDetails? Failure = null) : HistoryEvent;

/// <summary>A client terminated the instance.</summary>
/// <param name="Reason">The serialized reason.</param>
public sealed record ExecutionTerminated(string? Reason) : HistoryEvent;

/// <summary>The orchestrator restarted itself with new input; the old history is discarded.</summary>
/// <param name="Input">The serialized new input.</param>
#pragma warning disable CA1711 // The name is Durable Task's event name, kept for portability.
public sealed record ContinueAsNew(string? Input) : HistoryEvent;
#pragma warning restore CA1711

/// <summary>A client suspended the instance.</summary>
/// <param name="Reason">The reason given.</param>
public sealed record ExecutionSuspended(string? Reason) : HistoryEvent;

/// <summary>A client resumed the instance.</summary>
/// <param name="Reason">The reason given.</param>
public sealed record ExecutionResumed(string? Reason) : HistoryEvent;
