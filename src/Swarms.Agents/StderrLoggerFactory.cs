using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Swarms.Agents;

/// <summary>The logger used by <see cref="AgentOptions.Verbose"/> when no logger factory is given: standard error, debug level.</summary>
internal static class StderrLoggerFactory
{
    public static ILoggerFactory Instance { get; } = LoggerFactory.Create(builder =>
    {
        builder.SetMinimumLevel(LogLevel.Debug)
            .AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; });
        // Diagnostics never go to standard output, where the answer is.
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
    });
}
