namespace Swarms.Durable.Client;

/// <summary>One page of a query.</summary>
/// <param name="Instances">The instances, oldest first.</param>
/// <param name="ContinuationToken">Pass in the next query for the following page; null on the last page.</param>
public sealed record OrchestrationQueryResult(IReadOnlyList<OrchestrationMetadata> Instances, string? ContinuationToken);
