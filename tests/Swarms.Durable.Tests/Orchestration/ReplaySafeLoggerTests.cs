using Microsoft.Extensions.Logging;
using Swarms.Durable.Tests.Infrastructure;

namespace Swarms.Durable.Tests.Orchestration;

public sealed class ReplaySafeLoggerTests
{
    [Fact]
    public async Task CreateReplaySafeLogger_OrchestratorReplaysSeveralTimes_WritesEachLineOnce()
    {
        var logger = new ListLogger();
        await using var host = await DurableTestHost.StartAsync(r => r
            .AddOrchestratorFunc<object?, int>("Logging", async (ctx, _) =>
            {
                var log = ctx.CreateReplaySafeLogger(logger);
                for (var i = 0; i < 3; i++)
                {
                    log.LogInformation("step {Step}", i);
                    await ctx.CallActivityAsync<int>("Echo", i);
                }

                log.LogInformation("done");
                return 3;
            })
            .AddActivityFunc<int, int>("Echo", (_, i) => i));

        await host.RunAsync("Logging");

        Assert.Equal(["step 0", "step 1", "step 2", "done"], logger.Lines);
    }

    private sealed class ListLogger : ILogger
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Lines)
            {
                Lines.Add(formatter(state, exception));
            }
        }
    }
}
