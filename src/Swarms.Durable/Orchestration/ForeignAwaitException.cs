namespace Swarms.Durable.Orchestration;

/// <summary>
/// The orchestrator awaited something that is not a task of its orchestration context (Task.Delay,
/// Task.Run, HttpClient, ConfigureAwait(false)). Such awaits do not replay, so the engine fails the
/// instance with this error instead of letting it hang or diverge.
/// </summary>
public sealed class ForeignAwaitException : Exception
{
    /// <summary>The message used when the engine detects a foreign await.</summary>
    internal const string DefaultMessage =
        "The orchestrator awaited a task that was not created by the orchestration context (for example Task.Delay, " +
        "Task.Run, an HTTP call or ConfigureAwait(false)). Orchestrator code may await only the context's tasks: " +
        "activities, sub-orchestrations, CreateTimer and WaitForExternalEvent. Move the work into an activity.";

    /// <summary>Creates the exception.</summary>
    public ForeignAwaitException()
        : base(DefaultMessage)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public ForeignAwaitException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ForeignAwaitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The failure recorded for the instance.</summary>
    internal static TaskFailureDetails Failure(string detail) =>
        new(typeof(ForeignAwaitException).FullName!, DefaultMessage + " " + detail);
}
