using Microsoft.Extensions.Logging;

namespace Swarms.SignalR.Tests.Support;

/// <summary>Routes every category to one <see cref="CapturingLogger"/>.</summary>
public sealed class CapturingLoggerProvider(CapturingLogger logger) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => logger;

    public void Dispose()
    {
    }
}
