using Microsoft.Extensions.Logging;
using Spectre.Console;
using Swarms.Agents.Streaming;

namespace Swarms.Agents.Workflows;

/// <summary>Settings shared by <see cref="SequentialWorkflow"/> and <see cref="ConcurrentWorkflow"/>.</summary>
public class WorkflowOptions
{
    /// <summary>The workflow's name: the dashboard's title and the <see cref="RunStarted"/> event's workflow.</summary>
    public string Name { get; set; } = "workflow";

    /// <summary>How many times the whole workflow runs; each loop after the first builds on the previous one.</summary>
    public int MaxLoops { get; set; } = 1;

    /// <summary>
    /// Show one live dashboard for the whole run (plain progress lines when output is not a terminal) during
    /// <c>RunAsync</c>. Off: nothing is printed. Agents never print their own panels inside a workflow, whatever
    /// their <see cref="AgentOptions.PrintOn"/>; <c>RunStreamingAsync</c> never prints.
    /// </summary>
    public bool ShowDashboard { get; set; }

    /// <summary>Receives every event of the run, in sequence order, one at a time. A callback that throws is logged once and skipped.</summary>
    public Action<SwarmEvent>? OnEvent { get; set; }

    /// <summary>Where the dashboard is drawn. Null: the process console.</summary>
    public IAnsiConsole? Console { get; set; }

    /// <summary>Where failing callbacks are logged. Null: nowhere.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>The clock for timestamps and timings.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
