using System.CommandLine;
using Swarms.Agents.Workflows;
using Swarms.Agents.Workflows.Definitions;
using Swarms.Cli.Durable;

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
          swarms run research-writer --task-file brief.md
          swarms run --agent "Bull=You argue the bull case." --agent "Bear=You argue the bear case." --concurrent "Analyze NVDA"
          swarms run market-analysis "Analyze TSLA" --json | jq -c 'select(.type == "AgentCompleted")'
          swarms run research-writer "The future of tidal energy" --durable            (checkpointed; see 'swarms runs')
          swarms run research-writer "The future of tidal energy" --durable --store ~/runs.db
          swarms run --agent "Quant=You compute." --tool calculator "What is 1200 / 7?"

        Exit codes: 0 completed, 1 the run (or an agent) failed, 2 bad usage, 130 cancelled (Ctrl+C).
        """;

    public static Command Create(CliContext context)
    {
        var arguments = new Argument<string[]>("swarm-and-task")
        {
            Arity = new ArgumentArity(0, 2),
            HelpName = "swarm> <task",
            Description = "The swarm (a name from swarms/, or a .json file) and the task ('-': read it from standard input); only the task when --agent is used.",
        };
        var taskFile = TaskInput.CreateOption();
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
        var durable = new Option<bool>("--durable")
        {
            Description = "Run durably: every step is checkpointed in the run store, so a run stopped or killed mid-way is finished by 'swarms runs resume <id>' without calling the model again for agents already done.",
        };
        var storeOption = RunsCommand.CreateStoreOption();
        var common = new CommonOptions("Model or deployment for every agent. Overrides the definition's models and SWARMS_MODEL.");
        var toolOptions = new ToolOptions();
        toolOptions.Tool.Description = "With --agent: a registered tool every ad-hoc agent may call (see 'swarms tools'); repeat for more. A definition names its tools itself.";
        toolOptions.Mcp.Description = "With --agent: an MCP server (NAME=COMMAND ARGS or NAME=URL) whose tools every ad-hoc agent may call; repeat for more.";
        var command = new Command("run", Help) { arguments, taskFile, agents, concurrent, sequential, name, dashboard, noDashboard, durable, storeOption };
        toolOptions.AddTo(command);
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
            var file = parse.GetValue(taskFile);
            int tasksGiven = file is null ? 1 : 0;
            SwarmDefinition definition;
            string? taskArgument;
            if (adHoc.Length > 0)
            {
                if (positional.Length != tasksGiven)
                {
                    throw new CliUsageException("With --agent, give only the task: swarms run --agent \"Name=prompt\" ... \"<task>\".");
                }

                definition = AdHoc(parse.GetValue(name) ?? "ad-hoc", adHoc, parse.GetValue(concurrent));
                var (tools, servers) = toolOptions.Read(parse, context.Tools);
                definition = definition with
                {
                    Agents = [.. definition.Agents.Select(a => a with { Tools = [.. tools.Select(t => t.Name)] })],
                    McpServers = [.. servers],
                };
                taskArgument = positional.ElementAtOrDefault(0);
            }
            else
            {
                if (positional.Length != 1 + tasksGiven)
                {
                    throw new CliUsageException("Give a swarm and a task: swarms run <swarm-name-or-file> \"<task>\" (see 'swarms list'), or ad-hoc agents with --agent.");
                }

                if (toolOptions.Any(parse))
                {
                    throw new CliUsageException("--tool and --mcp are for ad-hoc agents (--agent); a definition names its tools in \"tools\" and \"mcpServers\".");
                }

                definition = SwarmCatalog.Discover(context.WorkingDirectory, context.ExecutableDirectory).Load(positional[0], context.Tools);
                taskArgument = positional.ElementAtOrDefault(1);
                if (parse.GetValue(concurrent) || parse.GetValue(sequential))
                {
                    definition = definition with { Kind = parse.GetValue(concurrent) ? WorkflowKind.Concurrent : WorkflowKind.Sequential };
                }
            }

            var task = await TaskInput.ReadAsync(taskArgument, file, context, cancellationToken).ConfigureAwait(false);
            bool? live = parse.GetValue(dashboard) ? true : parse.GetValue(noDashboard) ? false : null;
            var output = new RunOutput(json, quiet, live, outputFile);
            if (parse.GetValue(durable))
            {
                var store = RunStore.Resolve(context, parse.GetValue(storeOption), mustExist: false);
                return await DurableRun.StartAsync(context, store, definition, task, provider, model, output, cancellationToken).ConfigureAwait(false);
            }

            if (parse.GetValue(storeOption) is not null)
            {
                throw new CliUsageException("--store applies to durable runs: add --durable.");
            }

            using var models = ModelChoice.Create(context, provider, model);
            var workflow = definition.CreateWorkflow(agent => models.Agents.Create(agent, model));
            var display = output.CreateDisplay(context, workflow.Name, workflow.Plan.Agents);
            var result = await workflow.RunAsync(task, display, cancellationToken).ConfigureAwait(false);
            return await output.FinishAsync(context, result).ConfigureAwait(false);
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
