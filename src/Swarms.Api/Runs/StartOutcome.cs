using Microsoft.DurableTask.Client;

namespace Swarms.Api.Runs;

/// <summary>What starting a run did.</summary>
/// <param name="RunId">The run id.</param>
/// <param name="Started">True: a new run was scheduled; false: the id was taken (see <paramref name="Existing"/>).</param>
/// <param name="Existing">The status of the run that already holds the id.</param>
public sealed record StartOutcome(string RunId, bool Started, OrchestrationRuntimeStatus? Existing = null);
