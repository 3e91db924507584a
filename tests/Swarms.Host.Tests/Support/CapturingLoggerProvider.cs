using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Swarms.Host.Tests.Support;

/// <summary>
/// Keeps every log line (category, level, message, structured values, scopes as <c>scope[Key=value ...]</c>,
/// exception) the host writes, at every level.
/// </summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<(string Category, LogLevel Level, string Text)> _lines = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<(string Category, LogLevel Level, string Text)> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines, () => _scopes);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private static string Pairs(object? state) => state switch
    {
        IEnumerable<KeyValuePair<string, object?>> pairs => string.Join(' ', pairs.Select(p => $"{p.Key}={p.Value}")),
        _ => state?.ToString() ?? "",
    };

    private sealed class Logger(string category, ConcurrentQueue<(string, LogLevel, string)> lines, Func<IExternalScopeProvider> scopes) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => scopes().Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scope = new List<string>();
            scopes().ForEachScope((s, list) => list.Add($"scope[{Pairs(s)}]"), scope);
            lines.Enqueue((category, logLevel, $"{formatter(state, exception)} {Pairs(state)} {string.Join(' ', scope)} {exception}"));
        }
    }
}
