using Swarms.Agents.Workflows.Definitions;

namespace Swarms.Api.Contracts;

/// <summary>
/// Body of <c>POST /api/runs</c>: a swarm defined in the request (<c>definition</c>, the same JSON as a file of the
/// <c>swarms/</c> folder, checked the same way) and its <c>task</c>.
/// </summary>
/// <param name="Definition">The swarm.</param>
/// <param name="Task">What it works on.</param>
/// <param name="RunId">The run id to use; null: a new one.</param>
public sealed record StartInlineRunRequest(SwarmDefinition Definition, string Task, string? RunId = null);
