using Microsoft.Extensions.Logging;

namespace Swarms.Agents;

/// <summary>
/// What an agent logs to when the user gave no logger: one plain line per entry on standard error (never on standard
/// output, where the answer goes). Warnings and errors by default, so a throwing callback is reported once;
/// everything down to debug with <see cref="AgentOptions.Verbose"/>.
/// </summary>
internal sealed class StderrLogger(string category, LogLevel minimum) : ILogger
{
    private static readonly Lock Gate = new();

    public static ILoggerFactory Warnings { get; } = new Factory(LogLevel.Warning);

    public static ILoggerFactory Verbose { get; } = new Factory(LogLevel.Debug);

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum && logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var level = logLevel switch
        {
            LogLevel.Trace => "trace", LogLevel.Debug => "debug", LogLevel.Information => "info",
            LogLevel.Warning => "warn", LogLevel.Error => "error", _ => "crit",
        };
        // One line: the message, then the exception's type and message (no stack trace on a user's terminal).
        var line = $"{level}: {category}: {formatter(state, exception)}";
        if (exception is not null)
        {
            line += $" ({exception.GetType().Name}: {exception.Message.ReplaceLineEndings(" ")})";
        }

        lock (Gate)
        {
            System.Console.Error.WriteLine(line);
        }
    }

    private sealed class Factory(LogLevel minimum) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) => new StderrLogger(categoryName, minimum);

        public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException("The standard error logger takes no providers; give AgentOptions.LoggerFactory instead.");

        public void Dispose()
        {
        }
    }
}
