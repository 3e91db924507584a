namespace Swarms.Api.Contracts;

/// <summary>One known swarm, as <c>GET /api/swarms</c> lists it.</summary>
/// <param name="Name">What to put in <c>/api/swarms/{name}/runs</c>.</param>
/// <param name="Kind"><c>sequential</c> or <c>concurrent</c>.</param>
/// <param name="Description">What it is for.</param>
/// <param name="Agents">Its agents' names, in order.</param>
public sealed record SwarmInfo(string Name, string Kind, string? Description, IReadOnlyList<string> Agents);
