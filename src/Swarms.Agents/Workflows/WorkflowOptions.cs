using Microsoft.Extensions.Logging;
using Swarms.Agents.Output;
using Swarms.Agents.Streaming;

namespace Swarms.Agents.Workflows;

/// <summary>
/// Settings shared by <see cref="SequentialWorkflow"/> and <see cref="ConcurrentWorkflow"/>: how a run is shown and
/// observed, plus the plan settings both kinds have (<see cref="WorkflowPlan"/> holds their defaults).
/// </summary>
public class WorkflowOptions
{
    /// <summary>The workflow's name: the dashboard's title and the <see cref="RunStarted"/> event's workflow.</summary>
    public string Name { get; set; } = WorkflowPlan.DefaultName;

    /// <summary>How many times the whole workflow runs; each loop after the first builds on the previous one.</summary>
    public int MaxLoops { get; set; } = WorkflowPlan.DefaultMaxLoops;

    /// <summary>
    /// Show one live dashboard for the run during <c>RunAsync</c> (the running agents' tokens live; plain progress
    /// lines when output is not a terminal). Null (default): shown when some agent has <see cref="AgentOptions.PrintOn"/>,
    /// as the seed's agents print themselves. Agents never print their own panels inside a workflow;
    /// <c>RunStreamingAsync</c> never prints.
    /// </summary>
    public bool? ShowDashboard { get; set; }

    /// <summary>Receives every event of the run, in sequence order, one at a time. A callback that throws is logged once and skipped.</summary>
    public Action<SwarmEvent>? OnEvent { get; set; }

    /// <summary>
    /// Draws the dashboard. Null: the <see cref="AgentOptions.Output"/> of the first agent that has one, else
    /// <see cref="ConsoleOutput.Default"/> (the <c>Swarms.Console</c> package).
    /// </summary>
    public IConsoleOutput? Output { get; set; }

    /// <summary>Where failing callbacks are logged. Null: standard error, one line per warning.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>The clock for timestamps and timings.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
