using System.Globalization;
using System.Text;
using Swarms.Agents.Streaming;

namespace Swarms.Agents.Callbacks;

/// <summary>
/// Writes every streamed token to a file, one timestamped line each: an audit trail of what the model sent and
/// when, for debugging latency or replaying a run. Lines look like
/// <c>2026-11-25T14:54:40.123Z " analysis"</c>; the token is quoted with <c>\n</c>, <c>\r</c>, <c>\t</c>,
/// <c>"</c> and <c>\</c> escaped, so every token is exactly one line and its spaces stay visible.
/// </summary>
/// <remarks>
/// Pass the logger itself as the run's sink (<c>agent.RunAsync(task, log)</c>): it is flushed when the run ends, and
/// when a model call is cut and made again, the lines of that call are removed from the file, so its token lines
/// always spell exactly the final answer. It also works as a plain callback (<see cref="OnToken"/>) or a detailed one
/// (<see cref="OnTokenInfo"/>: adds the chunk index, and a closing line with finish reason and usage). The file is
/// opened when the logger is created, shared for reading (so it can be tailed), flushed at the end of every run and by
/// <see cref="Flush"/>, and closed by <see cref="Dispose"/> / <see cref="DisposeAsync"/>: create it with <c>using</c>. Thread-safe.
/// </remarks>
public sealed class FileStreamLogger : TextSink, IDisposable, IAsyncDisposable
{
    private readonly StreamWriter _writer;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private long _callStart;
    private int _callLines;
    private bool _disposed;

    /// <summary>Opens (creates or truncates, or appends to) the log file.</summary>
    /// <param name="path">The file; its folder must exist.</param>
    /// <param name="append">Append to an existing file instead of replacing it.</param>
    /// <param name="timeProvider">The clock for timestamps; tests pass a fake one.</param>
    public FileStreamLogger(string path, bool append = false, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        _time = timeProvider ?? TimeProvider.System;
        var stream = new FileStream(Path, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.Read);
        _writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    /// <summary>The full path of the log file.</summary>
    public string Path { get; }

    /// <summary>Lines written so far.</summary>
    public int LinesWritten { get; private set; }

    /// <summary>Plain callback: writes one line with the time and the token.</summary>
    public void OnToken(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        WriteLine(Quote(token));
    }

    /// <summary>
    /// Detailed callback: writes the time, the chunk index and the token; the closing chunk writes the finish
    /// reason and usage instead.
    /// </summary>
    public void OnTokenInfo(TokenInfo token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var line = token.IsLast
            ? string.Create(CultureInfo.InvariantCulture,
                $"#{token.Index} [end] agent={token.AgentName} model={token.Model} finish={token.FinishReason} input={token.Usage?.InputTokens} output={token.Usage?.OutputTokens} total={token.Usage?.TotalTokens}")
            : string.Create(CultureInfo.InvariantCulture, $"#{token.Index} {Quote(token.Content)}");
        WriteLine(line);
    }

    /// <summary>Writes a free-form timestamped line (a run header, a note).</summary>
    public void WriteNote(string note)
    {
        ArgumentNullException.ThrowIfNull(note);
        WriteLine("# " + note.ReplaceLineEndings(" "));
    }

    /// <summary>Pushes buffered lines to the file.</summary>
    public override void Flush()
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _writer.Flush();
            }
        }
    }

    /// <summary>Flushes and closes the file.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _writer.Dispose();
        }
    }

    /// <summary>Flushes and closes the file.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        await _writer.DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override void OnText(string text) => OnToken(text);

    /// <inheritdoc />
    protected override void OnCallStarted(AgentStarted started)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _writer.Flush();
            _callStart = _writer.BaseStream.Position;
            _callLines = 0;
        }
    }

    /// <inheritdoc />
    protected override void OnReset(AgentStarted retry)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            // The cut call's lines go: the file keeps only text that is part of the answer.
            _writer.Flush();
            _writer.BaseStream.SetLength(_callStart);
            LinesWritten -= _callLines;
            _callLines = 0;
        }
    }

    private void WriteLine(string text)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _writer.Write(_time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            _writer.Write(' ');
            _writer.WriteLine(text);
            LinesWritten++;
            _callLines++;
        }
    }

    private static string Quote(string token)
    {
        var sb = new StringBuilder(token.Length + 2).Append('"');
        foreach (char c in token)
        {
            _ = c switch
            {
                '\n' => sb.Append("\\n"),
                '\r' => sb.Append("\\r"),
                '\t' => sb.Append("\\t"),
                '"' => sb.Append("\\\""),
                '\\' => sb.Append("\\\\"),
                _ => sb.Append(c),
            };
        }

        return sb.Append('"').ToString();
    }
}
