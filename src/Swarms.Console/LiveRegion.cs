using Spectre.Console;
using Spectre.Console.Rendering;

namespace Swarms.Console;

/// <summary>
/// A Spectre.Console live display driven by one render loop: events only change state (from whatever thread feeds the
/// sink) and bump a version; the loop redraws at most every <see cref="FrameInterval"/>, and only when something
/// changed or <see cref="Animate"/> says so. All writes to the console happen on the loop, so frames never tear.
/// When stopped, the live region is cleared (the owner then prints the final view once).
/// </summary>
internal sealed class LiveRegion
{
    /// <summary>About 15 frames a second: smooth to the eye and cheap for the terminal.</summary>
    public static readonly TimeSpan FrameInterval = TimeSpan.FromMilliseconds(66);

    private readonly IAnsiConsole _console;
    private readonly Func<long, IRenderable> _frame;
    private readonly TaskCompletionSource _stop = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Queue<IRenderable> _above = new();
    private readonly Lock _gate = new();
    private long _version;
    private Task? _loop;

    /// <param name="console">Where to draw.</param>
    /// <param name="frame">Builds the frame for a tick (spinners turn with it).</param>
    public LiveRegion(IAnsiConsole console, Func<long, IRenderable> frame)
    {
        _console = console;
        _frame = frame;
    }

    /// <summary>Redraw even when nothing changed (a spinner or a clock is moving).</summary>
    public Func<bool>? Animate { get; init; }

    public bool IsRunning => _loop is not null;

    /// <summary>Something changed: the next frame draws it.</summary>
    public void Invalidate() => Interlocked.Increment(ref _version);

    /// <summary>Prints <paramref name="renderable"/> above the live region, once, on the render loop.</summary>
    public void PrintAbove(IRenderable renderable)
    {
        lock (_gate)
        {
            _above.Enqueue(renderable);
        }

        Invalidate();
    }

    public void Start() => _loop ??= RunAsync();

    /// <summary>Stops the loop and clears the live region.</summary>
    public async Task StopAsync()
    {
        if (_loop is null)
        {
            return;
        }

        _stop.TrySetResult();
        await _loop.ConfigureAwait(false);
    }

    private Task RunAsync() =>
        _console.Live(_frame(0))
            .AutoClear(true)
            .Overflow(VerticalOverflow.Ellipsis)
            .Cropping(VerticalOverflowCropping.Top)
            .StartAsync(async ctx =>
            {
                long tick = 0, drawn = -1;
                while (true)
                {
                    bool stopping = _stop.Task.IsCompleted;
                    PrintQueued();
                    long version = Interlocked.Read(ref _version);
                    if (version != drawn || Animate?.Invoke() == true)
                    {
                        drawn = version;
                        ctx.UpdateTarget(_frame(++tick));
                    }

                    if (stopping)
                    {
                        return;
                    }

                    await Task.WhenAny(_stop.Task, Task.Delay(FrameInterval)).ConfigureAwait(false);
                }
            });

    private void PrintQueued()
    {
        while (true)
        {
            IRenderable? next;
            lock (_gate)
            {
                if (!_above.TryDequeue(out next))
                {
                    return;
                }
            }

            _console.Write(next);
        }
    }
}
