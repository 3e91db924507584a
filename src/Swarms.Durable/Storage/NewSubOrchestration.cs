using Swarms.Durable.History;

namespace Swarms.Durable.Storage;

/// <summary>A sub-orchestration a checkpoint creates.</summary>
/// <param name="InstanceId">The child id.</param>
/// <param name="Start">The child's ExecutionStarted event (with parent id and task id).</param>
public sealed record NewSubOrchestration(string InstanceId, ExecutionStarted Start);
