using System.Text.Json;
using Swarms.Agents.Streaming;
using Swarms.Agents.Workflows;
using Swarms.Console.Dashboard;

namespace Swarms.Cli.Commands;

/// <summary>
/// How a run is shown and what it leaves behind, the same for in-process and durable runs: the live dashboard (or plain
/// lines), NDJSON events (<c>--json</c>) or nothing (<c>--quiet</c>); then the final output, the <c>--output</c> file and
/// the exit code.
/// </summary>
internal sealed record RunOutput(bool Json, bool Quiet, bool? Live, string? OutputFile)
{
    /// <summary>The sink that shows the run's events.</summary>
    public ISwarmEventSink CreateDisplay(CliContext context, string workflow, IReadOnlyList<string> agents) =>
        Json ? new EventJson(context.Out)
        : Quiet ? new NoSink()
        : new WorkflowDashboard(context.Console, workflow, agents, live: Live);

    /// <summary>Prints what the display did not (the output when quiet), writes <c>--output</c>, reports a failure; returns the exit code.</summary>
    public async Task<int> FinishAsync(CliContext context, WorkflowResult result)
    {
        if (Quiet)
        {
            context.Out.WriteLine(result.Output);
        }

        if (OutputFile is not null)
        {
            await File.WriteAllTextAsync(OutputFile,
                OutputFile.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? JsonSerializer.Serialize(result, EventJson.Indented) : result.Output + "\n",
                CancellationToken.None).ConfigureAwait(false);
        }

        if (!result.Succeeded)
        {
            await context.Error.WriteLineAsync($"swarms: {result.Workflow} {(result.Status == WorkflowStatus.Failed ? "failed" : "partly failed")}: {result.Error}").ConfigureAwait(false);
        }

        return result.Succeeded ? ExitCodes.Ok : ExitCodes.RunFailed;
    }

    /// <summary>Nothing shown: <c>--quiet</c> prints only the final output.</summary>
    private sealed class NoSink : ISwarmEventSink
    {
        public ValueTask OnEventAsync(SwarmEvent evt, CancellationToken cancellationToken) => default;

        public ValueTask OnCompletedAsync(Exception? failure, CancellationToken cancellationToken) => default;
    }
}
