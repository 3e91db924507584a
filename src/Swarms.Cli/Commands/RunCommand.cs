using System.CommandLine;
using System.Text.Json;
using Swarms.Agents.Dashboard;
using Swarms.Agents.Workflows;
using Swarms.Agents.Workflows.Definitions;

namespace Swarms.Cli.Commands;

/// <summary><c>swarms run</c>: runs a swarm from a definition, or agents given on the command line.</summary>
internal static class RunCommand
{
    private const string Help = """
        Run a swarm on a task: a definition from the swarms/ folder (by name) or a JSON file, or ad-hoc agents
        given with --agent. Shows a live dashboard of every agent on a terminal, plain progress lines otherwise.

        Examples:
          swarms run market-analysis "Analyze TSLA"
          swarms run research-writer "The future of renewable energy" --output article.md
          swarms run ./my-swarm.json "Review this plan" --no-dashboard
          swarms run --agent "Bull=You argue the bull case." --agent "Bear=You argue the bear case." --concurrent "Analyze NVDA"
          swarms run market-analysis "Analyze TSLA" --json | jq -c 'select(.type == "AgentCompleted")'

        Exit codes: 0 completed, 1 the run (or an agent) failed, 2 bad usage, 130 cancelled (Ctrl+C).
        """;

    public static Command Create(CliContext context)
    {
        var arguments = new Argument<string[]>("swarm-and-task")
        {
            Arity = new ArgumentArity(1, 2),
            HelpName = "swarm> <task",
            Description = "The swarm (a name from swarms/, or a .json file) and the task; only the task when --agent is used.",
        };
        var agents = new Option<string[]>("--agent", "-a")
        {
            Description = "An ad-hoc agent, NAME=SYSTEM PROMPT; repeat for more. Runs them instead of a definition.",
            AllowMultipleArgumentsPerToken = false,
        };
        var concurrent = new Option<bool>("--concurrent") { Description = "Run the agents at once (ad-hoc default: one after another)." };
        var sequential = new Option<bool>("--sequential") { Description = "Run the agents one after another." };
        var name = new Option<string?>("--name") { Description = "The run's name for ad-hoc agents (the dashboard's title).", DefaultValueFactory = _ => "ad-hoc" };
        var dashboard = new Option<bool>("--dashboard") { Description = "Always show the live dashboard (default: only on a terminal)." };
        var noDashboard = new Option<bool>("--no-dashboard") { Description = "Plain progress lines instead of the live dashboard." };
        var common = new CommonOptions();
        var command = new Command("run", Help) { arguments, agents, concurrent, sequential, name, dashboard, noDashboard };
        common.AddTo(command);

        command.SetAction(async (parse, cancellationToken) =>
        {
            var (provider, model, json, quiet, outputFile) = common.Read(parse, context);
            if (parse.GetValue(dashboard) && parse.GetValue(noDashboard))
            {
                throw new CliUsageException("--dashboard and --no-dashboard cannot be used together.");
            }

            if (parse.GetValue(concurrent) && parse.GetValue(sequential))
            {
                throw new CliUsageException("--concurrent and --sequential cannot be used together.");
            }

            var positional = parse.GetValue(arguments) ?? [];
            var adHoc = parse.GetValue(agents) ?? [];
            SwarmDefinition definition;
            string task;
            if (adHoc.Length > 0)
            {
                if (positional.Length != 1)
                {
                    throw new CliUsageException("With --agent, give only the task: swarms run --agent \"Name=prompt\" ... \"<task>\".");
                }

                definition = AdHoc(parse.GetValue(name) ?? "ad-hoc", adHoc, parse.GetValue(concurrent));
                task = positional[0];
            }
            else
            {
                if (positional.Length != 2)
                {
                    throw new CliUsageException("Give a swarm and a task: swarms run <swarm-name-or-file> \"<task>\" (see 'swarms list'), or ad-hoc agents with --agent.");
                }

                definition = SwarmCatalog.Discover(context.WorkingDirectory, context.ExecutableDirectory).Load(positional[0]);
                task = positional[1];
                if (parse.GetValue(concurrent) || parse.GetValue(sequential))
                {
                    definition = definition with { Kind = parse.GetValue(concurrent) ? WorkflowKind.Concurrent : WorkflowKind.Sequential };
                }
            }

            if (string.IsNullOrWhiteSpace(task))
            {
                throw new CliUsageException("The task is empty.");
            }

            var models = ModelChoice.Create(context, provider, model);
            if (models.ModelOverride is { } overridden)
            {
                definition = definition with { Agents = [.. definition.Agents.Select(a => a with { Model = overridden })] };
            }

            var workflow = definition.CreateWorkflow(models.Create);
            WorkflowResult result;
            if (json)
            {
                result = await workflow.RunAsync(task, EventJson.Writer(context.Out), cancellationToken).ConfigureAwait(false);
            }
            else if (quiet)
            {
                result = await workflow.RunAsync(task, null, cancellationToken).ConfigureAwait(false);
                context.Out.WriteLine(result.Output);
            }
            else
            {
                bool? live = parse.GetValue(dashboard) ? true : parse.GetValue(noDashboard) ? false : null;
                var display = new WorkflowDashboard(context.Console, workflow.Name, [.. workflow.Agents.Select(a => a.Name)], live: live);
                result = await display.RunAsync(show => workflow.RunAsync(task, show, cancellationToken)).ConfigureAwait(false);
            }

            if (outputFile is not null)
            {
                await File.WriteAllTextAsync(outputFile,
                    outputFile.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? JsonSerializer.Serialize(result, EventJson.Indented) : result.Output + "\n",
                    CancellationToken.None).ConfigureAwait(false);
            }

            if (!result.Succeeded)
            {
                await context.Error.WriteLineAsync($"swarms: {result.Workflow} {(result.Status == WorkflowStatus.Failed ? "failed" : "partly failed")}: {result.Error}").ConfigureAwait(false);
            }

            return result.Succeeded ? ExitCodes.Ok : ExitCodes.RunFailed;
        });
        return command;
    }

    /// <summary>A definition from <c>--agent NAME=PROMPT</c> options.</summary>
    private static SwarmDefinition AdHoc(string name, string[] agents, bool concurrent)
    {
        var list = new List<AgentDefinition>();
        foreach (var spec in agents)
        {
            int eq = spec.IndexOf('=', StringComparison.Ordinal);
            var agentName = eq < 0 ? "" : spec[..eq].Trim();
            if (agentName.Length == 0)
            {
                throw new CliUsageException($"--agent '{spec}': expected NAME=SYSTEM PROMPT, e.g. --agent \"Researcher=You are a researcher.\"");
            }

            if (list.Any(a => a.Name == agentName))
            {
                throw new CliUsageException($"--agent '{spec}': another agent is already named '{agentName}'.");
            }

            var prompt = spec[(eq + 1)..].Trim();
            list.Add(new AgentDefinition(agentName, prompt.Length == 0 ? null : prompt));
        }

        return new SwarmDefinition(name, concurrent ? WorkflowKind.Concurrent : WorkflowKind.Sequential, list);
    }
}
