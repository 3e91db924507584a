using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Swarms.Agents.DependencyInjection;
using Swarms.Agents.Tools;
using Swarms.Durable.Hosting;
using Swarms.Orchestration.DependencyInjection;
using Swarms.Orchestration.Publishing;
using Swarms.Orchestration.RunLog;

namespace Swarms.Cli.Durable;

/// <summary>
/// The CLI as a local durable host on one <see cref="RunStore"/>: the Durable Task client and the run log, and, for a
/// run or a resume, the real SDK worker running the swarm orchestrator and its activities in this process (so the
/// dashboard is fed in process), dedicated to the one run it was asked for.
/// </summary>
internal sealed class DurableSession : IAsyncDisposable
{
    /// <summary>
    /// Locks of a killed CLI process expire after this (a resume waits at most this long). Short, since a CLI process is
    /// the only worker on its store; long enough that a busy machine still renews them (every third of it).
    /// </summary>
    public static readonly TimeSpan LockDuration = TimeSpan.FromSeconds(10);

    private readonly IHost _host;
    private bool _started;

    private DurableSession(IHost host, RunStore store)
    {
        _host = host;
        Store = store;
    }

    public RunStore Store { get; }

    public DurableTaskClient Client => _host.Services.GetRequiredService<DurableTaskClient>();

    public IRunLog Log => _host.Services.GetRequiredService<IRunLog>();

    /// <summary>Opens the store for reading and raising events only: no worker.</summary>
    public static DurableSession ForClient(RunStore store) => Open(store, null, null, null, null);

    /// <summary>
    /// Opens the store with a worker for run <paramref name="runId"/> only (started by <see cref="StartWorkerAsync"/>), its
    /// agents on <paramref name="models"/> with the tools of <paramref name="tools"/>, its events handed to
    /// <paramref name="publisher"/> as they are logged.
    /// </summary>
    public static DurableSession ForRun(RunStore store, string runId, IConfiguration models, ToolRegistry tools, IRunEventPublisher publisher) =>
        Open(store, runId, models, tools, publisher);

    public async Task StartWorkerAsync(CancellationToken cancellationToken)
    {
        await _host.StartAsync(cancellationToken).ConfigureAwait(false);
        _started = true;
    }

    /// <summary>Stops the worker gracefully: locks are given back, so a resume continues at once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_started)
        {
            _started = false;
            await _host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        _host.Dispose();
    }

    private static DurableSession Open(RunStore store, string? runId, IConfiguration? models, ToolRegistry? tools, IRunEventPublisher? publisher)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        // One line on stderr per warning of ours or an agent's; the durable engine's own chatter only when it errs.
        builder.Services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(new CliLoggerFactory()));
        if (tools is not null)
        {
            builder.Services.AddSingleton(tools);
        }

        if (models is not null)
        {
            builder.Services.AddSwarmsAgents(models);
        }

        var orchestration = builder.Services.AddSwarmsOrchestration(o => o.UseSqliteRunLog(store.Path));
        if (publisher is not null)
        {
            orchestration.AddPublisher(publisher);
        }

        builder.Services.AddSwarmsDurable(o =>
        {
            o.UseSqlite(store.Path, s =>
            {
                s.LockDuration = LockDuration;
                s.Instances = runId is null ? [] : [runId];
            });
            // Ctrl+C stops within a second; an agent turn still running is run again by the resume (at least once).
            o.ShutdownTimeout = TimeSpan.FromMilliseconds(500);
        }).AddTasks(r => r.AddSwarmOrchestrations());
        return new DurableSession(builder.Build(), store);
    }

    /// <summary>Warnings of the swarms code on standard error (as the in-process CLI prints them); the engine's only from errors up.</summary>
    private sealed class CliLoggerFactory : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) =>
            new LineLogger(categoryName, categoryName.StartsWith("Swarms.", StringComparison.Ordinal) ? LogLevel.Warning : LogLevel.Error);

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }
    }

    /// <summary>One line per message on standard error: level, category, message, and the exception's type and message (no stack trace).</summary>
    private sealed class LineLogger(string category, LogLevel minimum) : ILogger
    {
        private static readonly Lock Gate = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var line = $"{(logLevel >= LogLevel.Error ? "error" : "warn")}: {category}: {formatter(state, exception)}";
            if (exception is not null)
            {
                line += $" ({exception.GetType().Name}: {exception.Message.ReplaceLineEndings(" ")})";
            }

            lock (Gate)
            {
                System.Console.Error.WriteLine(line);
            }
        }
    }
}
