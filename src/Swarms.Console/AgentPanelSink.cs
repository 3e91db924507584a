using System.Diagnostics;
using System.Text;
using Spectre.Console;
using Swarms.Agents.Streaming;

namespace Swarms.Agents.Console;

/// <summary>
/// Prints one agent's run. On a terminal with streaming: a live panel headed
/// <c>🤖 Agent: {name} | Loops: {n}</c> whose text grows token by token (throttled to ~20 frames a second),
/// replaced at the end by the complete panel, so nothing is printed twice. Without streaming: one panel when
/// the answer is complete. With several loops, each loop's complete answer is printed once, in order. When output
/// is not a terminal: the same as plain text (a header line, then the text) with no escape sequences.
/// </summary>
internal sealed class AgentConsoleRenderer
{
    private static readonly long FrameTicks = Stopwatch.Frequency / 20;
    private readonly IAnsiConsole _console;
    private readonly string _agent;
    private readonly bool _streaming;
    private readonly bool _live;
    private readonly StringBuilder _text = new();
    private int _loop = 1;
    private long _lastFrame;

    public AgentConsoleRenderer(IAnsiConsole console, string agent, bool streaming)
    {
        _console = console;
        _agent = agent;
        _streaming = streaming;
        _live = ConsoleCapabilities.IsLiveTerminal(console);
    }

    private string Title => $"🤖 Agent: {_agent} | Loops: {_loop}";

    /// <summary>Runs <paramref name="body"/>, rendering each event it reports.</summary>
    public async Task<string> RunAsync(Func<Action<SwarmEvent>, Task<string>> body)
    {
        if (!(_live && _streaming))
        {
            return await body(_streaming ? OnPlainStreamingEvent : OnFinalOnlyEvent).ConfigureAwait(false);
        }

        string result = "";
        await _console.Live(Frame())
            .AutoClear(true)
            .Overflow(VerticalOverflow.Ellipsis)
            .Cropping(VerticalOverflowCropping.Top)
            .StartAsync(async ctx =>
            {
                result = await body(evt => OnLiveEvent(evt, ctx)).ConfigureAwait(false);
            }).ConfigureAwait(false);
        // The live region is gone (AutoClear); the complete answer is printed once, uncropped.
        _console.Write(Frame(final: true));
        return result;
    }

    private void OnLiveEvent(SwarmEvent evt, LiveDisplayContext ctx)
    {
        if (IsNextLoop(evt))
        {
            // Written while the live display runs, the finished loop's panel goes above the live region, once.
            _console.Write(Frame(final: true));
        }

        if (!Track(evt))
        {
            return;
        }

        long now = Stopwatch.GetTimestamp();
        if (evt is not TextDelta || now - _lastFrame >= FrameTicks)
        {
            _lastFrame = now;
            ctx.UpdateTarget(Frame());
        }
    }

    private void OnPlainStreamingEvent(SwarmEvent evt)
    {
        var writer = _console.Profile.Out.Writer;
        switch (evt)
        {
            case AgentStarted { Attempt: 1 } started:
                _loop = started.Step;
                writer.WriteLine(Title);
                break;
            case AgentStarted retry:
                writer.WriteLine();
                writer.WriteLine($"[attempt {retry.Attempt}: restarting the answer]");
                break;
            case TextDelta delta:
                writer.Write(delta.Delta);
                break;
            case AgentCompleted:
                writer.WriteLine();
                writer.Flush();
                break;
        }
    }

    private void OnFinalOnlyEvent(SwarmEvent evt)
    {
        if (IsNextLoop(evt))
        {
            PrintComplete();
        }

        Track(evt);
        if (evt is AgentCompleted)
        {
            PrintComplete();
        }
    }

    /// <summary>Prints the current loop's complete answer: a panel on a terminal, a header and the text otherwise.</summary>
    private void PrintComplete()
    {
        if (_live)
        {
            _console.Write(Frame(final: true));
        }
        else
        {
            var writer = _console.Profile.Out.Writer;
            writer.WriteLine(Title);
            writer.WriteLine(_text.ToString());
            writer.Flush();
        }
    }

    /// <summary>True when <paramref name="evt"/> starts the next loop while the previous loop's answer is still held.</summary>
    private bool IsNextLoop(SwarmEvent evt) => evt is AgentStarted { Attempt: 1 } started && started.Step != _loop && _text.Length > 0;

    /// <summary>Updates the panel's state; true when the event changed what is shown.</summary>
    private bool Track(SwarmEvent evt)
    {
        switch (evt)
        {
            case AgentStarted started:
                _loop = started.Step;
                _text.Clear();
                return true;
            case TextDelta delta:
                _text.Append(delta.Delta);
                return true;
            case AgentCompleted completed:
                _text.Clear().Append(completed.Output);
                return true;
            case AgentFailed:
                return true;
            default:
                return false;
        }
    }

    private Panel Frame(bool final = false)
    {
        var body = _text.Length == 0 && !final ? new Text("…", new Style(Color.Grey)) : new Text(_text.ToString());
        return new Panel(body)
            .Header(new PanelHeader(Markup.Escape(Title)))
            .Border(BoxBorder.Rounded)
            .BorderColor(final ? Color.Green : Color.Blue)
            .Expand();
    }
}
