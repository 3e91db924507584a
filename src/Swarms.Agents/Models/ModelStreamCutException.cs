namespace Swarms.Agents.Models;

/// <summary>
/// A model stream ended without a finish reason: the connection closed mid-answer (no <c>[DONE]</c>). Transient, so
/// the agent tries again; the fragment is never taken for an answer.
/// </summary>
public sealed class ModelStreamCutException : IOException
{
    /// <summary>Creates the exception for a stream cut after <paramref name="characters"/> characters of text.</summary>
    public ModelStreamCutException(int characters)
        : base($"the model stream ended without a finish reason after {characters} characters (connection closed mid-answer)")
    {
        Characters = characters;
    }

    /// <summary>Creates the exception.</summary>
    public ModelStreamCutException() : this(0)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ModelStreamCutException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public ModelStreamCutException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Characters of answer text received before the cut.</summary>
    public int Characters { get; }
}
