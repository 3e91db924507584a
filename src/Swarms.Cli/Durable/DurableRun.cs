using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Swarms.Agents.Workflows;
using Swarms.Agents.Workflows.Definitions;
using Swarms.Cli.Commands;
using Swarms.Orchestration;

namespace Swarms.Cli.Durable;

/// <summary>
/// A durable run in the CLI: <c>swarms run ... --durable</c> starts one, <c>swarms runs resume</c> finishes one. Either way
/// this process runs the worker for that run alone and shows its events as they are logged, then its outcome.
/// </summary>
internal static class DurableRun
{
    /// <summary>Starts a new run of <paramref name="definition"/> and follows it to its end.</summary>
    public static async Task<int> StartAsync(
        CliContext context, RunStore store, SwarmDefinition definition, string task, string? provider, string? model, RunOutput output,
        CancellationToken cancellationToken)
    {
        var request = SwarmRunRequest.Create(definition, task, model);
        var models = CheckModels(context, provider, model);
        var runId = RunIds.New();
        await context.Error.WriteLineAsync(
            $"swarms: run {runId} (durable, in {store.Shown}); if it stops, finish it with: swarms runs resume {runId}{RunIds.StoreArgument(store)}").ConfigureAwait(false);
        await HintApprovalsAsync(context, store, runId, definition).ConfigureAwait(false);

        var display = output.CreateDisplay(context, definition.Name, [.. definition.Agents.Select(a => a.Name)]);
        using var follower = new RunFollower(runId, display);
        await using var session = DurableSession.ForRun(store, runId, models, follower);
        await session.StartWorkerAsync(cancellationToken).ConfigureAwait(false);
        await session.Client.ScheduleNewOrchestrationInstanceAsync(
            SwarmRunOrchestrator.Name, request, new StartOrchestrationOptions { InstanceId = runId }, cancellationToken).ConfigureAwait(false);
        return await FollowToEndAsync(context, session, follower, display, runId, output, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Finishes a run whose process stopped or was killed: first what it logged, then the rest live.</summary>
    public static async Task<int> ResumeAsync(CliContext context, RunStore store, string? idOrPrefix, string? provider, RunOutput output, CancellationToken cancellationToken)
    {
        OrchestrationMetadata run;
        await using (var reader = DurableSession.ForClient(store))
        {
            run = await RunIds.ResolveAsync(reader.Client, store, idOrPrefix, cancellationToken).ConfigureAwait(false);
        }

        var runId = run.InstanceId;
        if (run.IsCompleted)
        {
            throw new CliUsageException(
                $"Run {runId} already finished ({RunSummary.Describe(run)}); nothing to resume. See: swarms runs show {runId}{RunIds.StoreArgument(store)}");
        }

        var request = run.ReadInputAs<SwarmRunRequest>() ?? throw new CliUsageException($"Run {runId} has no swarm request; it was not started by swarms.");
        var models = CheckModels(context, provider, null);
        var definition = request.Definition;
        // Said before the display starts: a line written while the live dashboard draws would tear it.
        await context.Error.WriteLineAsync(
            $"swarms: resuming run {runId} ({definition.Name}) from {store.Shown}: what it logged, then the rest live; " +
            $"if its process was killed, its locks expire within {DurableSession.LockDuration.TotalSeconds:0} s").ConfigureAwait(false);
        await HintApprovalsAsync(context, store, runId, definition).ConfigureAwait(false);
        var display = output.CreateDisplay(context, definition.Name, [.. definition.Agents.Select(a => a.Name)]);
        using var follower = new RunFollower(runId, display);
        await using var session = DurableSession.ForRun(store, runId, models, follower);
        await follower.CatchUpAsync(session.Log, cancellationToken).ConfigureAwait(false);
        await session.StartWorkerAsync(cancellationToken).ConfigureAwait(false);
        return await FollowToEndAsync(context, session, follower, display, runId, output, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> FollowToEndAsync(
        CliContext context, DurableSession session, RunFollower follower, Swarms.Agents.Streaming.ISwarmEventSink display, string runId, RunOutput output,
        CancellationToken cancellationToken)
    {
        OrchestrationMetadata done;
        try
        {
            var completion = session.Client.WaitForInstanceCompletionAsync(runId, getInputsAndOutputs: true, cancellationToken);
            await follower.FollowAsync(session.Log, completion, cancellationToken).ConfigureAwait(false);
            done = await completion.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await display.OnCompletedAsync(new OperationCanceledException(cancellationToken), CancellationToken.None).ConfigureAwait(false);
            await context.Error.WriteLineAsync(
                $"swarms: run {runId} stopped; it is kept: swarms runs resume {runId}{RunIds.StoreArgument(session.Store)}").ConfigureAwait(false);
            throw;
        }

        if (done.RuntimeStatus != OrchestrationRuntimeStatus.Completed || done.ReadOutputAs<SwarmRunResult>() is not { } result)
        {
            await display.OnCompletedAsync(new InvalidOperationException(RunSummary.Describe(done)), CancellationToken.None).ConfigureAwait(false);
            await context.Error.WriteLineAsync($"swarms: run {runId} {RunSummary.Describe(done)}").ConfigureAwait(false);
            return ExitCodes.RunFailed;
        }

        await display.OnCompletedAsync(null, CancellationToken.None).ConfigureAwait(false);
        return await output.FinishAsync(context, new WorkflowResult(result.Swarm, result.Status, result.Output, result.Agents, result.Usage, result.Error)
        {
            Elapsed = result.Elapsed,
        }).ConfigureAwait(false);
    }

    /// <summary>The model configuration, checked now (a missing setting is bad usage before anything runs).</summary>
    private static Microsoft.Extensions.Configuration.IConfiguration CheckModels(CliContext context, string? provider, string? model)
    {
        ModelChoice.Create(context, provider, model).Dispose();
        return ModelChoice.Configuration(context, provider);
    }

    /// <summary>Tells how to approve the agents that wait for a person.</summary>
    private static async Task HintApprovalsAsync(CliContext context, RunStore store, string runId, SwarmDefinition definition)
    {
        foreach (var agent in definition.Agents.Where(a => a.Approval))
        {
            await context.Error.WriteLineAsync(
                $"swarms: {agent.Name} waits for approval before it runs: swarms runs approve {runId} --agent {RunIds.Quote(agent.Name)}{RunIds.StoreArgument(store)} " +
                "(or --reject --feedback \"...\")").ConfigureAwait(false);
        }
    }
}
