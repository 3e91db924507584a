namespace Swarms.Api.Runs;

/// <summary>Names shared with the orchestrations.</summary>
public static class SwarmRunNames
{
    /// <summary>The swarm orchestrator: one instance per run, its instance id the run id.</summary>
    public const string Orchestrator = "SwarmRun";
}
