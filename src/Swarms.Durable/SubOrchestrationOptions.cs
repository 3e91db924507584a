namespace Swarms.Durable;

/// <summary>Options for scheduling a sub-orchestration.</summary>
/// <param name="InstanceId">The child's instance id; a deterministic one is generated when omitted.</param>
/// <param name="Retry">The retry policy; <see langword="null"/> means a failure is final.</param>
public sealed record SubOrchestrationOptions(string? InstanceId = null, RetryPolicy? Retry = null) : TaskOptions(Retry);
