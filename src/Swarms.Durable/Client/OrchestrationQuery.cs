namespace Swarms.Durable.Client;

/// <summary>A filter and page request over orchestration instances.</summary>
public sealed record OrchestrationQuery
{
    /// <summary>Only instances with one of these statuses; all when null or empty.</summary>
    public IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses { get; init; }

    /// <summary>Only instances created at or after this time (UTC).</summary>
    public DateTime? CreatedFrom { get; init; }

    /// <summary>Only instances created before this time (UTC).</summary>
    public DateTime? CreatedTo { get; init; }

    /// <summary>Only instances whose id starts with this prefix.</summary>
    public string? InstanceIdPrefix { get; init; }

    /// <summary>The page size; 100 by default.</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>The token from the previous page, or null for the first page.</summary>
    public string? ContinuationToken { get; init; }

    /// <summary>Whether to fill inputs, outputs and custom status.</summary>
    public bool FetchInputsAndOutputs { get; init; }
}
