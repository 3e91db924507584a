namespace Swarms.Agents.Workflows;

/// <summary>What a concurrent workflow does when one of its agents fails.</summary>
public enum WorkflowErrorPolicy
{
    /// <summary>Record the agent as failed and let the others finish (the default).</summary>
    Continue,

    /// <summary>Cancel the agents still running and start no more.</summary>
    CancelRest,
}
