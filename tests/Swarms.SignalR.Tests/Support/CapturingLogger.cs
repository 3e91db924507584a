using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Swarms.SignalR.Tests.Support;

/// <summary>Records every log entry, for assertions on what was logged and how often.</summary>
public sealed class CapturingLogger : ILogger
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _entries.Enqueue(new LogEntry(logLevel, eventId.Id, formatter(state, exception), exception));
}

/// <summary>One log entry.</summary>
public sealed record LogEntry(LogLevel Level, int EventId, string Message, Exception? Exception);
