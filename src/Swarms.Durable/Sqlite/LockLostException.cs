namespace Swarms.Durable.Sqlite;

/// <summary>
/// A worker tried to commit work whose lock it no longer holds: the lease expired and another worker took the
/// instance or activity. The work is discarded here; the other worker runs it.
/// </summary>
public sealed class LockLostException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LockLostException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public LockLostException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public LockLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
