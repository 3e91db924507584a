namespace Swarms.Agents.Workflows;

internal static partial class WorkflowLogic
{
    /// <summary>
    /// Every agent on the same input, at most <see cref="WorkflowPlan.MaxConcurrency"/> in flight; results in agent
    /// order. A failed agent is recorded; with <see cref="WorkflowErrorPolicy.CancelRest"/> no further agent starts
    /// (stopping the ones in flight is the invoker's business: an orchestrator cannot recall an activity).
    /// </summary>
    private static async Task<WorkflowResult> RunConcurrentAsync(
        WorkflowPlan plan, string task, IAgentInvoker invoker, CancellationToken cancellationToken)
    {
        int count = plan.Agents.Count;
        int maxInFlight = Math.Min(plan.MaxConcurrency ?? count, count);
        var totals = new AgentStepResult?[count];
        bool stopped = false;
        string? previousRound = null;

        for (int loop = 1; loop <= plan.MaxLoops && !stopped; loop++)
        {
            var input = WorkflowInputs.WithPreviousRound(task, previousRound);
            var round = maxInFlight == count
                ? await FanOutAllAsync(plan, input, loop, invoker, cancellationToken)
                : await FanOutLimitedAsync(plan, input, loop, maxInFlight, invoker, cancellationToken);

            int completed = 0;
            for (int i = 0; i < count; i++)
            {
                var result = round[i] ?? AgentStepResult.NotRun(
                    new AgentStep(i, plan.Agents[i], input, loop), AgentStepStatus.Cancelled, "Not started: another agent failed.");
                totals[i] = Accumulate(totals[i], result);
                if (result.Status == AgentStepStatus.Completed)
                {
                    completed++;
                }
                else if (result.Status == AgentStepStatus.Failed && plan.OnError == WorkflowErrorPolicy.CancelRest)
                {
                    stopped = true;
                }
            }

            // Nothing to build the next loop on.
            stopped |= completed == 0;
            previousRound = WorkflowInputs.Combine(round);
        }

        var results = new AgentStepResult[count];
        var errors = new List<string>();
        int succeeded = 0, rejected = 0;
        for (int i = 0; i < count; i++)
        {
            results[i] = totals[i]!;
            if (results[i].Status == AgentStepStatus.Completed)
            {
                succeeded++;
            }
            else if (results[i].Status == AgentStepStatus.Rejected)
            {
                rejected++; // a person's decision, not a failure
            }
            else if (results[i].Status == AgentStepStatus.Failed)
            {
                errors.Add(results[i].Error ?? $"Agent '{results[i].Agent}' failed.");
            }
        }

        var status = succeeded > 0 && succeeded + rejected == count ? WorkflowStatus.Completed
            : succeeded == 0 || (stopped && plan.OnError == WorkflowErrorPolicy.CancelRest) ? WorkflowStatus.Failed
            : WorkflowStatus.PartiallyCompleted;
        var error = status == WorkflowStatus.Completed ? null
            : errors.Count > 0 ? string.Join("; ", errors)
            : rejected == count ? "No agent ran: every agent was rejected." : "Every agent was cancelled.";
        return new WorkflowResult(plan.Name, status, WorkflowInputs.Combine(results), results, TotalUsage(results), error);
    }

    /// <summary>Starts every agent at once and waits for all (the common case: concurrency = number of agents).</summary>
    private static async Task<AgentStepResult?[]> FanOutAllAsync(
        WorkflowPlan plan, string input, int loop, IAgentInvoker invoker, CancellationToken cancellationToken)
    {
        var tasks = new Task<AgentStepResult>[plan.Agents.Count];
        for (int i = 0; i < tasks.Length; i++)
        {
            tasks[i] = invoker.InvokeAsync(new AgentStep(i, plan.Agents[i], input, loop), cancellationToken);
        }

        return await Task.WhenAll(tasks);
    }

    /// <summary>
    /// Keeps at most <paramref name="maxInFlight"/> invocations running: a new one starts, in agent order, each time
    /// one finishes. After a failure under <see cref="WorkflowErrorPolicy.CancelRest"/> no more start; the slots of
    /// agents never started stay null.
    /// </summary>
    private static async Task<AgentStepResult?[]> FanOutLimitedAsync(
        WorkflowPlan plan, string input, int loop, int maxInFlight, IAgentInvoker invoker, CancellationToken cancellationToken)
    {
        int count = plan.Agents.Count;
        var round = new AgentStepResult?[count];
        var inFlight = new List<Task<AgentStepResult>>(maxInFlight);
        var inFlightIndex = new List<int>(maxInFlight);
        int next = 0;
        bool stopStarting = false;
        while (inFlight.Count > 0 || (next < count && !stopStarting))
        {
            while (!stopStarting && next < count && inFlight.Count < maxInFlight)
            {
                inFlight.Add(invoker.InvokeAsync(new AgentStep(next, plan.Agents[next], input, loop), cancellationToken));
                inFlightIndex.Add(next);
                next++;
            }

            var done = await Task.WhenAny(inFlight);
            int slot = inFlight.IndexOf(done);
            int index = inFlightIndex[slot];
            inFlight.RemoveAt(slot);
            inFlightIndex.RemoveAt(slot);
            var result = await done;
            round[index] = result;
            stopStarting |= result.Status == AgentStepStatus.Failed && plan.OnError == WorkflowErrorPolicy.CancelRest;
        }

        return round;
    }
}
