using System.Globalization;
using Spectre.Console;
using Swarms.Agents.Callbacks;
using Swarms.Agents.Models;
using Swarms.Agents.Streaming;

namespace Swarms.Console;

/// <summary>
/// A Spectre.Console progress bar of tokens received against an expected count (the agent's
/// <see cref="Agents.AgentOptions.MaxTokens"/>, or your estimate): for long answers where a growing wall of text is less
/// useful than knowing how far along the model is.
/// </summary>
/// <remarks>
/// Tokens are counted with the o200k_base tokenizer (<see cref="TokenCounter"/>); with <see cref="OnTokenInfo"/>
/// the closing chunk replaces the count with the usage the model reported. The answer may end before the expected
/// count (the bar then stops short of 100%, showing how much of the budget was used) or pass it (the expected
/// count grows to match). Use one instance per run.
/// <para>
/// Show the bar around the run with <see cref="RunAsync{T}"/>, and pass the bar as the run's sink
/// (<c>agent.RunAsync(task, progress)</c>: it replaces the agent's own printing; Spectre.Console draws one live display
/// at a time). As a sink it counts each delta, starts again when a model call is made again, and ends on the usage the
/// model reported. On a console that is not an interactive ANSI terminal,
/// Spectre prints plain progress lines instead of a bar.
/// </para>
/// </remarks>
public sealed class ProgressBarCallback : TextSink
{
    private readonly Lock _gate = new();
    private ProgressTask? _task;
    private long _received;
    private bool _reported;

    /// <summary>Creates the progress bar.</summary>
    /// <param name="expectedTokens">Tokens the answer is expected to have (the bar's 100%); 1 or more.</param>
    /// <param name="description">The label before the bar.</param>
    public ProgressBarCallback(double expectedTokens, string description = "Generating")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(expectedTokens, 1);
        ArgumentNullException.ThrowIfNull(description);
        ExpectedTokens = expectedTokens;
        Description = description;
    }

    /// <summary>Tokens the answer is expected to have.</summary>
    public double ExpectedTokens { get; private set; }

    /// <summary>The label before the bar.</summary>
    public string Description { get; }

    /// <summary>Tokens received so far (the reported output tokens once the closing chunk has arrived).</summary>
    public long TokensReceived
    {
        get
        {
            lock (_gate)
            {
                return _received;
            }
        }
    }

    /// <summary>True once the stream has ended (closing chunk or <see cref="Flush"/>).</summary>
    public bool IsComplete { get; private set; }

    /// <summary>Shows the bar on <paramref name="console"/> while <paramref name="body"/> runs, and returns its result.</summary>
    public async Task<T> RunAsync<T>(IAnsiConsole console, Func<Task<T>> body)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(body);
        return await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TokenCountColumn())
            .StartAsync(async ctx =>
            {
                lock (_gate)
                {
                    _task = ctx.AddTask(Markup.Escape(Description), maxValue: ExpectedTokens);
                    _task.Value = _received;
                }

                try
                {
                    return await body().ConfigureAwait(false);
                }
                finally
                {
                    Flush();
                }
            }).ConfigureAwait(false);
    }

    /// <summary>Plain callback: counts the token.</summary>
    public void OnToken(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        Advance(TokenCounter.Count(token), null);
    }

    /// <summary>Detailed callback: counts the chunk; the closing chunk sets the exact output token count.</summary>
    public void OnTokenInfo(TokenInfo token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.IsLast)
        {
            Advance(0, token.Usage?.OutputTokens);
            Flush();
        }
        else
        {
            Advance(TokenCounter.Count(token.Content), null);
        }
    }

    /// <inheritdoc />
    public override ValueTask OnEventAsync(SwarmEvent evt, CancellationToken cancellationToken)
    {
        if (evt is AgentCompleted completed)
        {
            Advance(0, completed.Usage.OutputTokens);
        }

        return base.OnEventAsync(evt, cancellationToken);
    }

    /// <inheritdoc />
    protected override void OnText(string text) => OnToken(text);

    /// <inheritdoc />
    protected override void OnReset(AgentStarted retry)
    {
        lock (_gate)
        {
            _received = 0;
            _reported = false;
            if (_task is { } task)
            {
                task.Value = 0;
            }
        }
    }

    /// <summary>Marks the stream as ended and stops the bar's clock.</summary>
    public override void Flush()
    {
        lock (_gate)
        {
            IsComplete = true;
            // The bar keeps showing received against expected: an answer that used 150 of 200 tokens ends at 75%.
            _task?.StopTask();
        }
    }

    /// <summary>A one-line summary, e.g. <c>152/200 tokens</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{TokensReceived}/{ExpectedTokens:0} tokens");

    private void Advance(int tokens, long? exact)
    {
        lock (_gate)
        {
            if (exact is { } reported)
            {
                _received = reported;
                _reported = true;
            }
            else if (!_reported)
            {
                _received += tokens;
            }

            if (_received > ExpectedTokens)
            {
                ExpectedTokens = _received;
            }

            if (_task is { } task)
            {
                task.MaxValue = ExpectedTokens;
                task.Value = _received;
            }
        }
    }
}
