namespace Swarms.Durable;

/// <summary>
/// Thrown into orchestrator code when an activity or sub-orchestration it awaited failed. The original
/// exception lived in another episode (maybe another process), so only its <see cref="FailureDetails"/>
/// are available.
/// </summary>
public sealed class TaskFailedException : Exception
{
    /// <summary>Creates the exception for a failed task.</summary>
    /// <param name="taskName">The activity or orchestrator name.</param>
    /// <param name="taskId">The scheduling id of the failed task.</param>
    /// <param name="failureDetails">What went wrong.</param>
    public TaskFailedException(string taskName, int taskId, TaskFailureDetails failureDetails)
        : base($"Task '{taskName}' (#{taskId}) failed with an unhandled exception: {failureDetails?.ErrorMessage}")
    {
        ArgumentNullException.ThrowIfNull(failureDetails);
        TaskName = taskName;
        TaskId = taskId;
        FailureDetails = failureDetails;
    }

    /// <summary>Creates the exception with no task and an unknown failure.</summary>
    public TaskFailedException()
        : this("unknown", -1, new TaskFailureDetails("unknown", "unknown"))
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    /// <param name="message">The message.</param>
    public TaskFailedException(string message)
        : this("unknown", -1, new TaskFailureDetails("unknown", message))
    {
    }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public TaskFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        TaskName = "unknown";
        TaskId = -1;
        FailureDetails = TaskFailureDetails.FromException(innerException);
    }

    /// <summary>The name of the activity or sub-orchestrator that failed.</summary>
    public string TaskName { get; }

    /// <summary>The scheduling id of the failed task within its orchestration.</summary>
    public int TaskId { get; }

    /// <summary>The failure as recorded in history: type, message and stack of the original error.</summary>
    public TaskFailureDetails FailureDetails { get; }
}
