using Microsoft.DurableTask;

namespace Swarms.Orchestration.Activities;

/// <summary>
/// The activity (<see cref="Name"/>) that logs and publishes an event of the run itself for the orchestrator; the work
/// is <see cref="RunEventRecorder"/>'s. Registered by <c>AddSwarmOrchestrations()</c>.
/// </summary>
public sealed class RunEventActivity(RunEventRecorder recorder) : TaskActivity<RunEventRequest, long>
{
    /// <summary>The activity's name: the Functions app's <c>[Function]</c> name for it too.</summary>
    public const string Name = "SwarmRunEvent";

    /// <inheritdoc />
    public override Task<long> RunAsync(TaskActivityContext context, RunEventRequest input) =>
        recorder.RecordAsync(input ?? throw new ArgumentNullException(nameof(input)));
}
