using Microsoft.DurableTask;

namespace Swarms.Orchestration.Activities;

/// <summary>
/// The activity (<see cref="Name"/>) that runs one model turn of a durable agent that has tools; the work is
/// <see cref="ModelTurnRunner"/>'s. Registered by <c>AddSwarmOrchestrations()</c>.
/// </summary>
public sealed class ModelTurnActivity(ModelTurnRunner runner) : TaskActivity<ModelTurnRequest, ModelTurnResult>
{
    /// <summary>The activity's name: the Functions app's <c>[Function]</c> name for it too.</summary>
    public const string Name = "SwarmModelTurn";

    /// <inheritdoc />
    public override Task<ModelTurnResult> RunAsync(TaskActivityContext context, ModelTurnRequest input) =>
        runner.RunAsync(input ?? throw new ArgumentNullException(nameof(input)));
}
