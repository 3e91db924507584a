using Spectre.Console;
using Swarms.Agents.Console;
using Swarms.Agents.Streaming;
using Swarms.Agents.Workflows;

namespace Swarms.Agents.Dashboard;

/// <summary>
/// One live display for a whole workflow run, like swarms' "Concurrent Workflow Dashboard": a panel titled with
/// the workflow's name and a row per agent with its status (pending, running with a spinner, completed, failed),
/// the tail of its text as it streams (wrapped to the terminal's width), its tokens and elapsed time; then every
/// complete answer once and a summary. When output is not a terminal: plain, line-oriented progress instead.
/// </summary>
/// <remarks>
/// Events may arrive from many agents at once: they only update state under a lock. One renderer loop draws at
/// most about 15 frames a second, and only when something changed or a spinner turns, so frames never tear or repeat.
/// </remarks>
public sealed class WorkflowDashboard
{
    /// <summary>Time between two frames: about 15 frames a second, smooth to the eye and cheap for the terminal.</summary>
    public static readonly TimeSpan FrameInterval = TimeSpan.FromMilliseconds(66);

    private readonly IAnsiConsole _console;
    private readonly string _workflow;
    private readonly DashboardState _state;
    private readonly TimeProvider _time;
    private readonly bool _live;

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
    }

    /// <summary>
    /// Shows the run that <paramref name="run"/> performs: it receives the action to call with every event (safe
    /// from any thread) and returns the workflow's result, which the summary reports. To cancel, cancel the run:
    /// the display ends when it does.
    /// </summary>
    /// <exception cref="OperationCanceledException">The run was cancelled; the live display is cleared and the cursor restored.</exception>
    public Task<WorkflowResult> RunAsync(Func<Action<SwarmEvent>, Task<WorkflowResult>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return _live ? RunLiveAsync(run) : RunPlainAsync(run);
    }

    private async Task<WorkflowResult> RunPlainAsync(Func<Action<SwarmEvent>, Task<WorkflowResult>> run)
    {
        var plain = new PlainProgressWriter(_console.Profile.Out.Writer, _state, _time);
        var result = await run(evt =>
        {
            _state.Apply(evt);
            plain.OnEvent(evt);
        }).ConfigureAwait(false);
        _state.Apply(result);
        plain.WriteSummary(result, _state.Snapshot(_time.GetUtcNow(), 1));
        return result;
    }

    private async Task<WorkflowResult> RunLiveAsync(Func<Action<SwarmEvent>, Task<WorkflowResult>> run)
    {
        long started = _time.GetTimestamp();
        long tick = 0;
        WorkflowResult? result = null;
        await _console.Live(Frame(started, tick))
            .AutoClear(true)
            .Overflow(VerticalOverflow.Ellipsis)
            .Cropping(VerticalOverflowCropping.Top)
            .StartAsync(async ctx =>
            {
                var work = run(_state.Apply);
                long drawn = -1;
                while (!work.IsCompleted)
                {
                    // No token on the delay: once cancelled it would complete at once and spin this loop until the run ends.
                    await Task.WhenAny(work, Task.Delay(FrameInterval, _time, CancellationToken.None)).ConfigureAwait(false);
                    long version = _state.Version;
                    bool spinning = _state.AnyRunning();
                    if (version != drawn || spinning)
                    {
                        drawn = version;
                        ctx.UpdateTarget(Frame(started, ++tick));
                    }
                }

                result = await work.ConfigureAwait(false);
            }).ConfigureAwait(false);

        // The live region is gone (AutoClear): print every answer once, complete, then the summary.
        _state.Apply(result!);
        var rows = _state.Snapshot(_time.GetUtcNow(), 0);
        _console.Write(DashboardView.Final(_workflow, rows));
        _console.Write(DashboardView.Summary(result!, rows));
        _console.WriteLine();
        return result!;
    }

    private Spectre.Console.Rendering.IRenderable Frame(long started, long tick)
    {
        int width = _console.Profile.Width, height = _console.Profile.Height;
        // Only the tail of each text is shown; 4 screens' worth of characters is more than enough to wrap it.
        var rows = _state.Snapshot(_time.GetUtcNow(), Math.Max(2000, width * height * 4 / Math.Max(1, _state.Count)));
        return DashboardView.Frame(_workflow, rows, _time.GetElapsedTime(started), width, height, tick);
    }
}
