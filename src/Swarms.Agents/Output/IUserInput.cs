namespace Swarms.Agents.Output;

/// <summary>The next turn of an interactive agent (<see cref="AgentOptions.Interactive"/>).</summary>
public interface IUserInput
{
    /// <summary>
    /// Asks for the next input after the agent answered <paramref name="lastAnswer"/>. Null (or the exit word) ends
    /// the session; an empty line asks the agent to refine its answer.
    /// </summary>
    ValueTask<string?> ReadAsync(Agent agent, string lastAnswer, CancellationToken cancellationToken);
}
