namespace Swarms.Api.Contracts;

/// <summary>
/// Body of <c>POST /api/swarms/{name}/runs</c>: <c>{"task": "Analyze TSLA", "runId": "optional-id"}</c>.
/// </summary>
/// <param name="Task">What the swarm works on (required, at most <see cref="MaxTaskLength"/> characters).</param>
/// <param name="RunId">The run id to use (see <see cref="Validation.RunIds"/>); null: a new one. Starting an id
/// that is running or completed answers 409 with its status URL, so a retried POST never starts a second run.</param>
public sealed record StartSwarmRunRequest(string Task, string? RunId = null)
{
    /// <summary>The longest task.</summary>
    public const int MaxTaskLength = 100_000;
}
