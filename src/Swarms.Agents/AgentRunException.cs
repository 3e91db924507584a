namespace Swarms.Agents;

/// <summary>An agent's model call failed for good (after its retries). The message names agent, model and cause.</summary>
public sealed class AgentRunException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AgentRunException(string agentName, string? model, int attempts, Exception cause)
        : base($"Agent '{agentName}' failed calling model '{model ?? "(default)"}' after {attempts} attempt(s): {(cause is null ? "unknown cause" : ModelFailures.Describe(cause))}", cause)
    {
        AgentName = agentName;
        Model = model;
        Attempts = attempts;
    }

    /// <summary>Creates the exception for a failure of <paramref name="agentName"/> other than its model's (an MCP server that did not start).</summary>
    public AgentRunException(string agentName, string message, Exception cause) : base(message, cause)
    {
        AgentName = agentName;
    }

    /// <summary>Creates the exception with a message.</summary>
    public AgentRunException(string message) : base(message) { AgentName = ""; }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public AgentRunException(string message, Exception innerException) : base(message, innerException) { AgentName = ""; }

    /// <summary>Creates the exception.</summary>
    public AgentRunException() { AgentName = ""; }

    /// <summary>The agent that failed.</summary>
    public string AgentName { get; }

    /// <summary>The model it called.</summary>
    public string? Model { get; }

    /// <summary>How many attempts were made.</summary>
    public int Attempts { get; }
}
