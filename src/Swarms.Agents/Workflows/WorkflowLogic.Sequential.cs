namespace Swarms.Agents.Workflows;

internal static partial class WorkflowLogic
{
    /// <summary>
    /// Agents one after another; each gets the task and the previous output (or the transcript). A failure stops the
    /// run. A rejected agent (<see cref="AgentStepStatus.Rejected"/>) is passed over: the next one gets what the last
    /// completed agent produced, and the run's output is the last completed agent's.
    /// </summary>
    private static async Task<WorkflowResult> RunSequentialAsync(
        WorkflowPlan plan, string task, IAgentInvoker invoker, CancellationToken cancellationToken)
    {
        int count = plan.Agents.Count;
        var totals = new AgentStepResult?[count];
        var transcript = new List<KeyValuePair<string, string>>(count * plan.MaxLoops);
        string? error = null;

        for (int loop = 1; loop <= plan.MaxLoops && error is null; loop++)
        {
            for (int i = 0; i < count; i++)
            {
                var input = plan.InputMode == SequentialInputMode.Transcript
                    ? WorkflowInputs.WithTranscript(task, transcript)
                    : WorkflowInputs.WithPrevious(task, transcript.Count == 0 ? null : transcript[^1]);
                var step = new AgentStep(i, plan.Agents[i], input, loop);
                var result = await invoker.InvokeAsync(step, cancellationToken);
                totals[i] = Accumulate(totals[i], result);
                if (result.Status == AgentStepStatus.Rejected)
                {
                    continue;
                }

                if (result.Status != AgentStepStatus.Completed)
                {
                    error = result.Error ?? $"Agent '{step.Agent}' {result.Status.ToString().ToLowerInvariant()}.";
                    break;
                }

                transcript.Add(new(step.Agent, result.Output));
            }
        }

        var results = new AgentStepResult[count];
        for (int i = 0; i < count; i++)
        {
            results[i] = totals[i] ?? AgentStepResult.NotRun(
                new AgentStep(i, plan.Agents[i], task, 1), AgentStepStatus.Skipped, "Not run: an earlier agent failed.");
        }

        error ??= transcript.Count == 0 ? "No agent ran: every agent was rejected." : null;
        return error is null
            ? new WorkflowResult(plan.Name, WorkflowStatus.Completed, transcript[^1].Value, results, TotalUsage(results), null)
            : new WorkflowResult(plan.Name, WorkflowStatus.Failed, "", results, TotalUsage(results), error);
    }
}
