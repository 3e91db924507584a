using Swarms.Agents.Workflows;
using Swarms.Agents.Workflows.Definitions;

namespace Swarms.Orchestration.Tests.Support;

/// <summary>Swarm definitions the tests run.</summary>
internal static class Definitions
{
    public static AgentDefinition Agent(string name, int retries = 0) =>
        new(name, $"You are {name}.") { RetryAttempts = retries };

    public static SwarmDefinition Sequential(int agents, int maxLoops = 1, SequentialInputMode input = SequentialInputMode.PreviousOutput) =>
        new("seq", WorkflowKind.Sequential, [.. Enumerable.Range(1, agents).Select(i => Agent($"Agent-{i}"))]) { MaxLoops = maxLoops, InputMode = input };

    public static SwarmDefinition Concurrent(int agents, int? maxConcurrency = null, WorkflowErrorPolicy onError = WorkflowErrorPolicy.Continue, int maxLoops = 1) =>
        new("conc", WorkflowKind.Concurrent, [.. Enumerable.Range(1, agents).Select(i => Agent($"Agent-{i}"))])
        {
            MaxConcurrency = maxConcurrency, OnError = onError, MaxLoops = maxLoops,
        };
}
