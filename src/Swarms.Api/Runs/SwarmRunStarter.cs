using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Swarms.Agents.Workflows.Definitions;
using Swarms.Api.Telemetry;
using Swarms.Orchestration;

namespace Swarms.Api.Runs;

/// <summary>
/// Starts swarm runs, for HTTP requests and queue messages alike: one orchestration instance per run, its instance
/// id the run id. An id that a running, pending, suspended or completed run holds is never started twice; the
/// caller learns which status holds it (HTTP answers 409, the queue handler drops the duplicate).
/// </summary>
public sealed class SwarmRunStarter(ILogger<SwarmRunStarter> logger)
{
    // The statuses that keep an id: the backend refuses to schedule over them (no terminate-and-replace).
    private static readonly OrchestrationRuntimeStatus[] Holding =
    [
        OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Pending,
        OrchestrationRuntimeStatus.Suspended, OrchestrationRuntimeStatus.Completed,
    ];

    /// <summary>Starts <paramref name="definition"/> on <paramref name="task"/> as run <paramref name="runId"/>.</summary>
    /// <param name="client">The Durable client (the host's, or the Functions binding's).</param>
    /// <param name="definition">The swarm.</param>
    /// <param name="task">Its task.</param>
    /// <param name="runId">The run id (checked by the caller).</param>
    /// <param name="replaceFinished">True (HTTP with a client-chosen id): a failed or terminated run of that id is
    /// started again. False (queue): any existing run of that id means the message was already handled.</param>
    /// <param name="source">Who asked (<c>http</c>, <c>queue</c>), for logs and metrics.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="Validation.ApiProblemException">The orchestrator would refuse the definition or the task.</exception>
    public async Task<StartOutcome> StartAsync(
        DurableTaskClient client, SwarmDefinition definition, string task, string runId, bool replaceFinished, string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(definition);
        // The input is visible through the status API: it carries the definition, never the server's file path.
        var input = SwarmRunInput.Create(definition with { SourcePath = null }, task);
        var existing = await client.GetInstanceAsync(runId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
        if (existing is not null && (!replaceFinished || Holding.Contains(existing.RuntimeStatus)))
        {
            logger.RunAlreadyExists(runId, existing.RuntimeStatus, source);
            return new StartOutcome(runId, false, existing.RuntimeStatus);
        }

        try
        {
            var options = new StartOrchestrationOptions(runId).WithDedupeStatuses(Holding);
            await client.ScheduleNewOrchestrationInstanceAsync(SwarmRunOrchestrator.Name, input, options, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Another request or delivery started the same id between the check and the schedule.
            var now = await client.GetInstanceAsync(runId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
            if (now is not null && Holding.Contains(now.RuntimeStatus))
            {
                logger.RunAlreadyExists(runId, now.RuntimeStatus, source);
                return new StartOutcome(runId, false, now.RuntimeStatus);
            }

            throw;
        }

        ApiTelemetry.RunsStarted.Add(1, new KeyValuePair<string, object?>("swarms.run.source", source), new KeyValuePair<string, object?>("swarms.swarm", definition.Name));
        logger.RunStarted(runId, definition.Name, definition.Agents.Count, source);
        return new StartOutcome(runId, true);
    }
}
