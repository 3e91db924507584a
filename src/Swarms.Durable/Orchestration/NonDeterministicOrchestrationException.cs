namespace Swarms.Durable.Orchestration;

/// <summary>
/// The orchestrator's code did something different from what its history recorded (another activity,
/// another kind of call, or nothing at all). The instance fails with this error, whose message names what
/// history expected and what the code did. Usually caused by a code change deployed under running
/// instances, or by non-deterministic code (clock, random, I/O in the orchestrator).
/// </summary>
public sealed class NonDeterministicOrchestrationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NonDeterministicOrchestrationException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What history expected and what the code did.</param>
    public NonDeterministicOrchestrationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public NonDeterministicOrchestrationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
