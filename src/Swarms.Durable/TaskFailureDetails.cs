namespace Swarms.Durable;

/// <summary>
/// What went wrong in an activity, sub-orchestration or orchestrator: the error's type, message and stack,
/// kept as data so it survives persistence and crosses process boundaries.
/// </summary>
/// <param name="ErrorType">The full name of the exception type.</param>
/// <param name="ErrorMessage">The exception message.</param>
/// <param name="StackTrace">The stack trace, when one was available.</param>
/// <param name="InnerFailure">The failure that caused this one, if any.</param>
public sealed record TaskFailureDetails(
    string ErrorType,
    string ErrorMessage,
    string? StackTrace = null,
    TaskFailureDetails? InnerFailure = null)
{
    /// <summary>Captures an exception (and its inner exceptions) as failure details.</summary>
    /// <param name="exception">The exception to describe.</param>
    /// <returns>The details.</returns>
    public static TaskFailureDetails FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is TaskFailedException failed)
        {
            return new TaskFailureDetails(
                typeof(TaskFailedException).FullName!, failed.Message, failed.StackTrace, failed.FailureDetails);
        }

        return new TaskFailureDetails(
            exception.GetType().FullName ?? exception.GetType().Name,
            exception.Message,
            exception.StackTrace,
            exception.InnerException is null ? null : FromException(exception.InnerException));
    }

    /// <summary>Whether this failure, or one it wraps, is of the given exception type.</summary>
    /// <typeparam name="TException">The exception type to look for.</typeparam>
    /// <returns><see langword="true"/> when the type name matches this failure or an inner one.</returns>
    public bool IsCausedBy<TException>()
        where TException : Exception
    {
        var name = typeof(TException).FullName;
        for (var f = this; f is not null; f = f.InnerFailure)
        {
            if (string.Equals(f.ErrorType, name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{ErrorType}: {ErrorMessage}";
}
