namespace Swarms.Durable.Client;

/// <summary>The state of an orchestration instance as a client sees it.</summary>
/// <param name="Name">The orchestrator name.</param>
/// <param name="InstanceId">The instance id.</param>
public sealed record OrchestrationMetadata(string Name, string InstanceId)
{
    /// <summary>The runtime status.</summary>
    public OrchestrationRuntimeStatus RuntimeStatus { get; init; }

    /// <summary>When the instance was scheduled (UTC).</summary>
    public DateTime CreatedAt { get; init; }

    /// <summary>When the instance's record last changed (UTC).</summary>
    public DateTime LastUpdatedAt { get; init; }

    /// <summary>The serialized input; only filled when inputs and outputs were requested.</summary>
    public string? SerializedInput { get; init; }

    /// <summary>The serialized output; only filled when inputs and outputs were requested.</summary>
    public string? SerializedOutput { get; init; }

    /// <summary>The serialized custom status; only filled when inputs and outputs were requested.</summary>
    public string? SerializedCustomStatus { get; init; }

    /// <summary>The failure, when <see cref="RuntimeStatus"/> is Failed.</summary>
    public TaskFailureDetails? FailureDetails { get; init; }

    /// <summary>The parent instance, for a sub-orchestration.</summary>
    public string? ParentInstanceId { get; init; }

    /// <summary>Whether the instance is Pending, Running or Suspended.</summary>
    public bool IsRunning => !RuntimeStatus.IsTerminal();

    /// <summary>Whether the instance is Completed, Failed or Terminated.</summary>
    public bool IsCompleted => RuntimeStatus.IsTerminal();

    /// <summary>Reads the input as <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The target type.</typeparam>
    /// <returns>The input.</returns>
    public T? ReadInputAs<T>() => DataConverter.Deserialize<T>(SerializedInput);

    /// <summary>Reads the output as <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The target type.</typeparam>
    /// <returns>The output.</returns>
    public T? ReadOutputAs<T>() => DataConverter.Deserialize<T>(SerializedOutput);

    /// <summary>Reads the custom status as <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The target type.</typeparam>
    /// <returns>The custom status.</returns>
    public T? ReadCustomStatusAs<T>() => DataConverter.Deserialize<T>(SerializedCustomStatus);
}
