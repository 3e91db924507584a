using System.Diagnostics;
using System.Text;
using Spectre.Console;
using Swarms.Agents.Callbacks;
using Swarms.Agents.Streaming;

namespace Swarms.Console;

/// <summary>
/// A live Spectre.Console panel of your own design (title, border, colours) whose text grows token by token: for
/// apps that want their own look instead of the agent's built-in <c>🤖 Agent: …</c> panel.
/// </summary>
/// <remarks>
/// Wrap the run in <see cref="RunAsync{T}"/> and pass the panel as the run's sink (it replaces the agent's own
/// printing; Spectre.Console draws one live display at a time):
/// <code>
/// var panel = new LivePanelCallback { Title = "Research", Border = BoxBorder.Double, BorderColor = Color.Gold1 };
/// var answer = await panel.RunAsync(AnsiConsole.Console, () => agent.RunAsync(task, panel));
/// </code>
/// When a model call is cut and made again, the panel's text starts again.
/// Redraws are throttled to about 20 a second. When the run ends the live region is replaced by the complete
/// panel, printed once. On a console that is not an interactive ANSI terminal nothing is drawn live: the complete
/// panel is printed once at the end.
/// </remarks>
public sealed class LivePanelCallback : TextSink
{
    private static readonly long FrameTicks = Stopwatch.Frequency / 20;
    private readonly StringBuilder _text = new();
    private readonly Lock _gate = new();
    private LiveDisplayContext? _live;
    private long _lastFrame;

    /// <summary>The panel's title (plain text, not markup).</summary>
    public string Title { get; init; } = "Live output";

    /// <summary>The panel's border.</summary>
    public BoxBorder Border { get; init; } = BoxBorder.Rounded;

    /// <summary>The border colour while tokens arrive.</summary>
    public Color BorderColor { get; init; } = Color.Blue;

    /// <summary>The border colour of the complete panel.</summary>
    public Color CompletedBorderColor { get; init; } = Color.Green;

    /// <summary>The style of the text.</summary>
    public Style TextStyle { get; init; } = Style.Plain;

    /// <summary>The text received so far.</summary>
    public string Text
    {
        get
        {
            lock (_gate)
            {
                return _text.ToString();
            }
        }
    }

    /// <summary>
    /// Shows the panel live on <paramref name="console"/> while <paramref name="body"/> runs, then prints the complete
    /// panel once, and returns the body's result.
    /// </summary>
    public async Task<T> RunAsync<T>(IAnsiConsole console, Func<Task<T>> body)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(body);
        T result;
        if (ConsoleCapabilities.IsLiveTerminal(console))
        {
            result = default!;
            await console.Live(Render(final: false))
                .AutoClear(true)
                .Overflow(VerticalOverflow.Ellipsis)
                .Cropping(VerticalOverflowCropping.Top)
                .StartAsync(async ctx =>
                {
                    lock (_gate)
                    {
                        _live = ctx;
                    }

                    try
                    {
                        result = await body().ConfigureAwait(false);
                    }
                    finally
                    {
                        lock (_gate)
                        {
                            _live = null;
                        }
                    }
                }).ConfigureAwait(false);
        }
        else
        {
            result = await body().ConfigureAwait(false);
        }

        // The live region is gone (AutoClear): the complete text is printed once, uncropped.
        console.Write(Render(final: true));
        return result;
    }

    /// <summary>Plain callback: appends the token and redraws.</summary>
    public void OnToken(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        lock (_gate)
        {
            _text.Append(token);
            Redraw(force: false);
        }
    }

    /// <summary>Detailed callback: appends the chunk's text; a retried model call starts the text again.</summary>
    public void OnTokenInfo(TokenInfo token)
    {
        ArgumentNullException.ThrowIfNull(token);
        lock (_gate)
        {
            if (token.Index == 0 && token.Attempt > 1)
            {
                _text.Clear();
            }

            _text.Append(token.Content);
            Redraw(force: token.IsLast);
        }
    }

    /// <summary>Draws the latest text now, whatever the throttle.</summary>
    public override void Flush()
    {
        lock (_gate)
        {
            Redraw(force: true);
        }
    }

    /// <inheritdoc />
    protected override void OnText(string text) => OnToken(text);

    /// <inheritdoc />
    protected override void OnReset(AgentStarted retry)
    {
        lock (_gate)
        {
            _text.Clear();
            Redraw(force: true);
        }
    }

    /// <summary>The panel as it looks now (complete: in its finished colour).</summary>
    public Panel Render(bool final)
    {
        lock (_gate)
        {
            var body = _text.Length == 0 && !final ? new Text("…", new Style(Color.Grey)) : new Text(_text.ToString(), TextStyle);
            return new Panel(body)
                .Header(new PanelHeader(Markup.Escape(Title)))
                .Border(Border)
                .BorderColor(final ? CompletedBorderColor : BorderColor)
                .Expand();
        }
    }

    private void Redraw(bool force)
    {
        if (_live is null)
        {
            return;
        }

        long now = Stopwatch.GetTimestamp();
        if (force || now - _lastFrame >= FrameTicks)
        {
            _lastFrame = now;
            _live.UpdateTarget(Render(final: false));
        }
    }
}
