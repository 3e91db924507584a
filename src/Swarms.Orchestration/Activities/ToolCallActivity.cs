using Microsoft.DurableTask;

namespace Swarms.Orchestration.Activities;

/// <summary>
/// The activity (<see cref="Name"/>) that runs one tool call of a durable agent; the work is <see cref="ToolCallRunner"/>'s.
/// Registered by <c>AddSwarmOrchestrations()</c>.
/// </summary>
public sealed class ToolCallActivity(ToolCallRunner runner) : TaskActivity<ToolCallRequest, ToolCallResult>
{
    /// <summary>The activity's name: the Functions app's <c>[Function]</c> name for it too.</summary>
    public const string Name = "SwarmToolCall";

    /// <inheritdoc />
    public override Task<ToolCallResult> RunAsync(TaskActivityContext context, ToolCallRequest input) =>
        runner.RunAsync(input ?? throw new ArgumentNullException(nameof(input)));
}
