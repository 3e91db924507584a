using Microsoft.DurableTask;
using Swarms.Agents.Streaming;
using Swarms.Agents.Workflows;

namespace Swarms.Orchestration;

/// <summary>
/// The durable swarm run (orchestrator name <see cref="Name"/>): runs a swarm definition's plan, sequential or
/// concurrent (fan-out/fan-in with <c>maxConcurrency</c> as a sliding window, <c>onError</c> continue or cancel-rest,
/// <c>maxLoops</c>), with each agent turn one activity that streams the agent's tokens to the run's log and live
/// publishers. The sequencing is the in-process workflows' own code (<see cref="WorkflowLogic"/>), run behind an
/// invoker that calls activities. The instance id is the run id of every event.
/// </summary>
/// <remarks>
/// <para>Hosts: the local worker registers it with <c>registry.AddSwarmOrchestrations()</c>; the Azure Functions app's
/// <c>[OrchestrationTrigger]</c> function calls <c>new SwarmRunOrchestrator().RunAsync(context, input)</c>.</para>
/// <para>
/// <b>Determinism.</b> Orchestrator code is replayed from its history after every await, so it must make the same calls
/// in the same order every time: it reads no clock but <see cref="TaskOrchestrationContext.CurrentUtcDateTime"/>, no
/// random numbers, no files, no environment, no configuration; it does no I/O (events are logged through an activity);
/// it awaits only Durable Task tasks (and <see cref="Task.WhenAll(Task[])"/> / <see cref="Task.WhenAny(Task[])"/> of them),
/// never with <c>ConfigureAwait(false)</c>. A change to this class or to <see cref="WorkflowLogic"/> that changes the
/// order or names of the activities it calls breaks runs in flight: the replay tests record each path's history and
/// replay it.
/// </para>
/// <para>
/// <b>Durable semantics of the swarm settings.</b> <c>cancel-rest</c> starts no agent after a failure; agents already
/// running finish (an orchestrator cannot recall an activity) and keep their answers, and the run fails. An agent with
/// <c>"approval": true</c> waits for a decision before each of its turns (see <c>AgentDefinition.Approval</c>). An
/// agent with tools or MCP servers has its tool loop driven here (<see cref="DurableToolLoop"/>): one activity per model
/// turn and per tool call, so a completed tool call is never run again (see <see cref="Activities.ToolCallRunner"/>
/// for a call cut off while it ran).
/// </para>
/// </remarks>
public sealed class SwarmRunOrchestrator : TaskOrchestrator<SwarmRunRequest, SwarmRunResult>
{
    /// <summary>The orchestrator's name: what a client schedules, and the Functions app's <c>[Function]</c> name.</summary>
    public const string Name = "SwarmRun";

    /// <inheritdoc />
    public override async Task<SwarmRunResult> RunAsync(TaskOrchestrationContext context, SwarmRunRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        input.Validate();
        var plan = input.Definition.ToPlan();
        var startedAt = context.CurrentUtcDateTime;
        var invoker = new DurableAgentInvoker(context, input, plan);
        invoker.PublishProgress();
        await invoker.RecordAsync(new RunStarted(plan.Name, plan.Agents, input.Task), "run-started");

        var result = await WorkflowLogic.RunAsync(plan, input.Task, invoker);

        await invoker.RecordAsync(
            result.Status == WorkflowStatus.Failed
                ? new RunFailed(result.Error ?? "Failed.", result.Usage)
                : new RunCompleted(result.Output, result.Usage),
            "run-ended");
        invoker.PublishProgress();
        return new SwarmRunResult(context.InstanceId, result.Workflow, result.Status, result.Output, result.Agents, result.Usage, result.Error)
        {
            Elapsed = context.CurrentUtcDateTime - startedAt,
        };
    }
}
