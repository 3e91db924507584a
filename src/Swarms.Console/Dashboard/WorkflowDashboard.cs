using Spectre.Console;
using Swarms.Agents.Streaming;

namespace Swarms.Console.Dashboard;

/// <summary>
/// One live display for a whole workflow run, like swarms' "Concurrent Workflow Dashboard": a panel titled with
/// the workflow's name and a row per agent with its status (pending, running with a spinner, completed, failed),
/// the tail of its text as it streams (wrapped to the terminal's width), its output tokens and elapsed time; then
/// every complete answer once and a summary. A sequential run shows the running agent streaming in turn. When output
/// is not a terminal: plain, line-oriented progress instead. Cancelled: every agent's text as it stood, marked
/// cancelled, then <c>cancelled</c>.
/// </summary>
/// <remarks>
/// A sink: pass it to <c>workflow.RunAsync(task, dashboard)</c>, or let a workflow with
/// <see cref="Agents.Workflows.WorkflowOptions.ShowDashboard"/> create one. It is built from the events alone. Events
/// only update state under a lock; one render loop draws at most about 15 frames a second, and only when something
/// changed or a spinner turns, so frames never tear or repeat.
/// </remarks>
public sealed class WorkflowDashboard : ISwarmEventSink
{
    private readonly IAnsiConsole _console;
    private readonly string _workflow;
    private readonly DashboardState _state;
    private readonly TimeProvider _time;
    private readonly bool _live;
    private readonly PlainProgressWriter? _plain;
    private readonly LiveRegion? _region;
    private long _started;

    /// <summary>Creates the dashboard.</summary>
    /// <param name="console">Where to draw.</param>
    /// <param name="workflow">The workflow's name: the panel's title.</param>
    /// <param name="agents">The agents' names, in the order of the rows.</param>
    /// <param name="timeProvider">The clock for elapsed times; null: the system clock.</param>
    /// <param name="live">True: live display; false: plain lines; null: live only on an interactive ANSI terminal.</param>
    public WorkflowDashboard(IAnsiConsole console, string workflow, IReadOnlyList<string> agents, TimeProvider? timeProvider = null, bool? live = null)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(agents);
        _console = console;
        _workflow = workflow;
        _state = new DashboardState(agents);
        _time = timeProvider ?? TimeProvider.System;
        _live = live ?? ConsoleCapabilities.IsLiveTerminal(console);
        if (_live)
        {
            _region = new LiveRegion(console, Frame) { Animate = _state.AnyRunning };
        }
        else
        {
            _plain = new PlainProgressWriter(console.Profile.Out.Writer, _state, _time);
        }
    }

    /// <inheritdoc />
    public ValueTask OnEventAsync(SwarmEvent evt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evt);
        _state.Apply(evt);
        if (_region is { } region)
        {
            if (!region.IsRunning)
            {
                _started = _time.GetTimestamp();
                region.Start();
            }

            region.Invalidate();
        }
        else
        {
            _plain!.OnEvent(evt);
        }

        return default;
    }

    /// <inheritdoc />
    public async ValueTask OnCompletedAsync(Exception? failure, CancellationToken cancellationToken)
    {
        bool cancelled = failure is OperationCanceledException;
        if (cancelled)
        {
            _state.Cancel(_time.GetUtcNow());
        }

        if (_region is { } region)
        {
            // The live region is cleared; then every answer once (as it stood, when cancelled), and the summary.
            await region.StopAsync().ConfigureAwait(false);
            var rows = _state.Snapshot(_time.GetUtcNow(), 0);
            _console.Write(DashboardView.Final(_workflow, rows, cancelled));
            if (cancelled)
            {
                _console.MarkupLine("[yellow]cancelled[/]");
            }
            else
            {
                _console.Write(DashboardView.Summary(_state.Outcome(_workflow, _time.GetUtcNow()), rows));
                _console.WriteLine();
            }
        }
        else if (cancelled)
        {
            _plain!.WriteCancelled();
        }
        else
        {
            _plain!.WriteSummary(_state.Outcome(_workflow, _time.GetUtcNow()), _state.Snapshot(_time.GetUtcNow(), 1));
        }
    }

    private Spectre.Console.Rendering.IRenderable Frame(long tick)
    {
        int width = _console.Profile.Width, height = _console.Profile.Height;
        // Only the tail of each text is shown; 4 screens' worth of characters is more than enough to wrap it.
        var rows = _state.Snapshot(_time.GetUtcNow(), Math.Max(2000, width * height * 4 / Math.Max(1, _state.Count)));
        var elapsed = _started == 0 ? TimeSpan.Zero : _time.GetElapsedTime(_started);
        return DashboardView.Frame(_workflow, rows, elapsed, width, height, tick);
    }
}
