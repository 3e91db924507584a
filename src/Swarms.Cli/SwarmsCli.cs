using System.CommandLine;
using System.CommandLine.Help;
using Swarms.Agents;
using Swarms.Agents.Workflows.Definitions;
using Swarms.Cli.Commands;

namespace Swarms.Cli;

/// <summary>
/// The <c>swarms</c> command line, callable in process (tests call it with a test console and writers). Maps
/// every outcome to an exit code; errors are one clear line on stderr, never a stack trace.
/// </summary>
internal static class SwarmsCli
{
    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        var root = new RootCommand("""
            swarms: multi-agent LLM workflows with every agent's tokens streamed live.
            Runs on an offline local stand-in model unless a provider is configured (see README).

            Examples:
              swarms run market-analysis "Analyze TSLA"
              swarms agent "Analyze TSLA stock"
              swarms agent --task-file brief.md
              swarms list
              swarms run research-writer "The future of tidal energy" --durable
              swarms runs
            """)
        {
            RunCommand.Create(context),
            AgentCommand.Create(context),
            ListCommand.Create(context),
            RunsCommand.Create(context),
        };

        // No response files: '@notes.txt' is a task like any other, not a file of arguments (use --task-file).
        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Errors.Count > 0 && parse.Action is not HelpAction)
        {
            foreach (var error in parse.Errors)
            {
                await context.Error.WriteLineAsync($"swarms: {error.Message}").ConfigureAwait(false);
            }

            await context.Error.WriteLineAsync("Run 'swarms --help' or 'swarms <command> --help' for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var configuration = new InvocationConfiguration
        {
            Output = context.Out,
            Error = context.Error,
            EnableDefaultExceptionHandler = false,
            // Ctrl+C is handled by the caller, which cancels cancellationToken: every agent stops, the terminal is restored.
            ProcessTerminationTimeout = null,
        };
        try
        {
            return await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await context.Error.WriteLineAsync("swarms: cancelled.").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }
        catch (Exception ex) when (ex is CliUsageException or SwarmDefinitionException or FileNotFoundException)
        {
            await context.Error.WriteLineAsync($"swarms: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (Exception ex) when (Sqlite(ex) is { } sqlite)
        {
            // The run store broke under us (a damaged page met after the checks at open): one line, no stack trace.
            await context.Error.WriteLineAsync($"swarms: the run store cannot be used: {Durable.RunStore.Damaged(sqlite)}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (AgentRunException ex)
        {
            await context.Error.WriteLineAsync($"swarms: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.RunFailed;
        }
    }

    /// <summary>The SQLite error behind <paramref name="ex"/>, if any (the host may wrap it).</summary>
    private static Microsoft.Data.Sqlite.SqliteException? Sqlite(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is Microsoft.Data.Sqlite.SqliteException sqlite)
            {
                return sqlite;
            }

            if (ex is AggregateException { InnerExceptions: [var only] })
            {
                return Sqlite(only);
            }
        }

        return null;
    }
}
