using System.Text;
using Spectre.Console;
using Spectre.Console.Rendering;
using Swarms.Agents.Output;
using Swarms.Agents.Streaming;

namespace Swarms.Console;

/// <summary>
/// Prints one agent's run. On a terminal with streaming: a live panel headed <c>🤖 Agent: {name} | Loops: {n}</c>
/// whose text grows token by token, replaced at the end by the complete panel, so nothing is printed twice. Without
/// streaming: one panel when the answer is complete. With several loops, each loop's complete answer is printed once,
/// in order. When output is not a terminal: the same as plain text (a header line, then the text) with no escape
/// sequences. Cancelled: the text as it stood, marked cancelled. Also asks for the next turn of an interactive agent.
/// </summary>
internal sealed class AgentPanelSink : ISwarmEventSink, IUserInput
{
    private readonly IAnsiConsole _console;
    private readonly string _agent;
    private readonly bool _streaming;
    private readonly bool _terminal;
    private readonly TextReader? _input;
    private readonly string _exitWord;
    private readonly Lock _gate = new();
    private readonly StringBuilder _text = new();
    private readonly ToolLines _tools = new();
    private LiveRegion? _live;
    private int _loop = 1;
    private bool _plainLineOpen;
    private string? _lastFailure;

    public AgentPanelSink(IAnsiConsole console, string agent, bool streaming, TextReader? input = null, string exitWord = "exit")
    {
        _console = console;
        _agent = agent;
        _streaming = streaming;
        _terminal = ConsoleCapabilities.IsLiveTerminal(console);
        _input = input;
        _exitWord = exitWord;
    }

    private string Title => $"🤖 Agent: {_agent} | Loops: {_loop}";

    public ValueTask OnEventAsync(SwarmEvent evt, CancellationToken cancellationToken)
    {
        if (evt is not AgentEvent)
        {
            return default;
        }

        if (_streaming && !_terminal)
        {
            OnPlainStreamingEvent(evt);
        }
        else
        {
            OnPanelEvent(evt);
        }

        return default;
    }

    public async ValueTask OnCompletedAsync(Exception? failure, CancellationToken cancellationToken)
    {
        bool cancelled = failure is OperationCanceledException;
        if (_live is not null)
        {
            await _live.StopAsync().ConfigureAwait(false);
            _live = null;
            // The live region is gone: the answer as it stands is printed once, uncropped.
            if (failure is null || cancelled || _text.Length > 0)
            {
                _console.Write(Frame(final: failure is null, cancelled));
            }
        }
        else if (_streaming && !_terminal)
        {
            EndPlainLine();
            if (cancelled)
            {
                _console.Profile.Out.Writer.WriteLine("[cancelled]");
            }
        }
        else if (cancelled && _text.Length > 0)
        {
            PrintComplete(cancelled: true);
        }

        _console.Profile.Out.Writer.Flush();
    }

    /// <summary>An interactive agent's next turn: its answer so far is on screen, then the prompt, then a line of input.</summary>
    public async ValueTask<string?> ReadAsync(Agents.Agent agent, string lastAnswer, CancellationToken cancellationToken)
    {
        if (_live is not null)
        {
            await _live.StopAsync().ConfigureAwait(false);
            _live = null;
            _console.Write(Frame(final: true));
        }
        else if (_streaming && !_terminal)
        {
            EndPlainLine();
        }
        else
        {
            PrintComplete();
        }

        _text.Clear();
        _console.MarkupLine($"[grey]Your input (type '{Markup.Escape(_exitWord)}' to finish):[/]");
        return await (_input ?? System.Console.In).ReadLineAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Redirected output with streaming: a header line, the text as it comes, a line per restart.</summary>
    private void OnPlainStreamingEvent(SwarmEvent evt)
    {
        var writer = _console.Profile.Out.Writer;
        switch (evt)
        {
            case AgentStarted { Attempt: 1 }:
                EndPlainLine();
                Track(evt);
                writer.WriteLine(Title);
                break;
            case AgentStarted retry:
                EndPlainLine();
                writer.WriteLine(RetryLine(retry.Attempt));
                Track(evt);
                break;
            case TextDelta delta:
                writer.Write(delta.Delta);
                _plainLineOpen = !delta.Delta.EndsWith('\n');
                Track(evt);
                break;
            case ToolCall call:
                EndPlainLine();
                writer.WriteLine(ToolText.Call(call));
                break;
            case ToolResult result:
                EndPlainLine();
                writer.WriteLine($"⚙ {result.Name} {ToolText.Result(result)}");
                break;
            case ToolLimitReached limit:
                EndPlainLine();
                writer.WriteLine(ToolText.Limit(limit));
                break;
            case AgentCompleted:
                EndPlainLine();
                break;
            default:
                Track(evt);
                break;
        }

        writer.Flush();
    }

    /// <summary>A panel: live while streaming on a terminal, else printed once per complete answer.</summary>
    private void OnPanelEvent(SwarmEvent evt)
    {
        bool live = _terminal && _streaming;
        if (IsNextLoop(evt))
        {
            if (live)
            {
                // The finished loop's panel goes above the live region, once.
                _live?.PrintAbove(Frame(final: true));
            }
            else
            {
                PrintComplete();
            }
        }

        if (!Track(evt))
        {
            return;
        }

        if (live)
        {
            _live ??= new LiveRegion(_console, _ => Frame());
            _live.Start();
            _live.Invalidate();
        }
        else if (evt is AgentCompleted)
        {
            PrintComplete();
        }
    }

    /// <summary>Updates what the panel holds (loop, text, last failure); true when the event changed it.</summary>
    private bool Track(SwarmEvent evt)
    {
        lock (_gate)
        {
            switch (evt)
            {
                case AgentStarted started:
                    if (started.Step != _loop)
                    {
                        _tools.Clear();
                    }

                    _loop = started.Step;
                    _text.Clear();
                    return true;
                case AgentFailed { WillRetry: true } failed:
                    _lastFailure = failed.Error;
                    return true;
                case TextDelta delta:
                    _text.Append(delta.Delta);
                    return true;
                case AgentCompleted completed:
                    _text.Clear().Append(completed.Output);
                    return true;
                default:
                    // Tool calls and results: kept across retries, shown above the answer.
                    return _tools.Apply(evt);
            }
        }
    }

    private string RetryLine(int attempt) => _text.Length > 0
        ? $"[attempt {attempt - 1} failed ({_lastFailure ?? "cut"}); attempt {attempt} restarts the answer]"
        : $"[attempt {attempt - 1} failed ({_lastFailure ?? "no answer"}); retrying]";

    private void EndPlainLine()
    {
        if (_plainLineOpen)
        {
            _console.Profile.Out.Writer.WriteLine();
            _plainLineOpen = false;
        }
    }

    /// <summary>Prints the current loop's complete answer: a panel on a terminal, a header and the text otherwise.</summary>
    private void PrintComplete(bool cancelled = false)
    {
        if (_text.Length == 0 && !cancelled)
        {
            return;
        }

        if (_terminal)
        {
            _console.Write(Frame(final: !cancelled, cancelled));
        }
        else
        {
            var writer = _console.Profile.Out.Writer;
            writer.WriteLine(cancelled ? Title + " (cancelled)" : Title);
            foreach (var line in _tools.Lines)
            {
                writer.WriteLine(line);
            }

            writer.WriteLine(_text.ToString());
            writer.Flush();
        }

        _text.Clear();
        _tools.Clear();
    }

    /// <summary>True when <paramref name="evt"/> starts the next loop while the previous loop's answer is still held.</summary>
    private bool IsNextLoop(SwarmEvent evt) => evt is AgentStarted { Attempt: 1 } started && started.Step != _loop && _text.Length > 0;

    private Panel Frame(bool final = false, bool cancelled = false)
    {
        string text;
        IReadOnlyList<string> tools;
        lock (_gate)
        {
            text = _text.ToString();
            tools = _tools.Count == 0 ? [] : _tools.Lines;
        }

        IRenderable body = text.Length == 0 && !final ? new Text(cancelled ? "(nothing yet)" : "…", new Style(Color.Grey)) : new Text(text);
        if (tools.Count > 0)
        {
            body = new Rows([.. tools.Select(t => (IRenderable)new Text(t, new Style(Color.Grey))), body]);
        }

        var title = cancelled ? Title + " | cancelled" : Title;
        return new Panel(body)
            .Header(new PanelHeader(Markup.Escape(title)))
            .Border(BoxBorder.Rounded)
            .BorderColor(final ? Color.Green : cancelled ? Color.Yellow : Color.Blue)
            .Expand();
    }
}
