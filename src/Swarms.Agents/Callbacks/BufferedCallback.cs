using System.Text;
using Swarms.Agents.Streaming;

namespace Swarms.Agents.Callbacks;

/// <summary>
/// Coalesces tokens into chunks of at least <see cref="MinChunkSize"/> characters before handing them on: use it
/// when the receiver is expensive per call (a network send, a UI update, a database write) and a token at a
/// time is wasteful. The tail shorter than <see cref="MinChunkSize"/> is delivered by <see cref="Flush"/>.
/// </summary>
/// <remarks>
/// Pass the helper itself as the run's sink (<c>agent.RunAsync(task, buffered)</c>): the agent then flushes the tail
/// when the run ends, including when it fails or is cancelled, and restarts are handled: when a model call is cut and
/// made again, the text held back is dropped and <c>onReset</c> tells the receiver to discard the chunks of that call
/// (so what it keeps is exactly the final answer). Used as a plain callback (<c>buffered.OnToken</c>), call
/// <see cref="Flush"/> or dispose it after the run. Thread-safe; chunks are delivered in order.
/// </remarks>
public sealed class BufferedCallback : TextSink, IDisposable
{
    private readonly Action<string> _onChunk;
    private readonly Action? _onReset;
    private readonly StringBuilder _buffer = new();
    private readonly Lock _gate = new();

    /// <summary>Creates the buffer.</summary>
    /// <param name="onChunk">Receives each chunk of coalesced text.</param>
    /// <param name="minChunkSize">Characters to collect before a chunk is delivered (1 or more).</param>
    /// <param name="onReset">Told to discard the chunks of the current model call, when it is made again after a failure.</param>
    public BufferedCallback(Action<string> onChunk, int minChunkSize = 64, Action? onReset = null)
    {
        ArgumentNullException.ThrowIfNull(onChunk);
        ArgumentOutOfRangeException.ThrowIfLessThan(minChunkSize, 1);
        _onChunk = onChunk;
        _onReset = onReset;
        MinChunkSize = minChunkSize;
    }

    /// <summary>Characters collected before a chunk is delivered.</summary>
    public int MinChunkSize { get; }

    /// <summary>Characters received but not yet delivered.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _buffer.Length;
            }
        }
    }

    /// <summary>The streaming callback: collects <paramref name="token"/> and delivers a chunk once enough has arrived.</summary>
    public void OnToken(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        lock (_gate)
        {
            _buffer.Append(token);
            if (_buffer.Length >= MinChunkSize)
            {
                Deliver();
            }
        }
    }

    /// <summary>Delivers the text held back, if any.</summary>
    public override void Flush()
    {
        lock (_gate)
        {
            if (_buffer.Length > 0)
            {
                Deliver();
            }
        }
    }

    /// <summary>Flushes the tail.</summary>
    public void Dispose() => Flush();

    /// <inheritdoc />
    protected override void OnText(string text) => OnToken(text);

    /// <inheritdoc />
    protected override void OnCallStarted(AgentStarted started)
    {
        // A new loop's answer starts a new chunk: deliver the previous loop's tail first.
        if (started.Attempt == 1)
        {
            Flush();
        }
    }

    /// <inheritdoc />
    protected override void OnReset(AgentStarted retry)
    {
        lock (_gate)
        {
            _buffer.Clear();
        }

        _onReset?.Invoke();
    }

    private void Deliver()
    {
        // Cleared before the receiver runs: a receiver that throws loses its chunk, never repeats it.
        var chunk = _buffer.ToString();
        _buffer.Clear();
        _onChunk(chunk);
    }
}
