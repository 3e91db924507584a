using System.CommandLine;
using System.Text.Json;
using Swarms.Agents;
using Swarms.Console;

namespace Swarms.Cli.Commands;

/// <summary><c>swarms agent</c>: one streaming agent on a task.</summary>
internal static class AgentCommand
{
    private const string Help = """
        Run one agent on a task, its answer streaming token by token in a live panel.

        Examples:
          swarms agent "Analyze TSLA stock"
          swarms agent "Summarize the risks of a bond ladder" --name Risk-Analyst --system-prompt "You are a risk analyst."
          swarms agent --task-file brief.md
          cat brief.md | swarms agent -
          swarms agent "Analyze TSLA" --json
          swarms agent --tool calculator --tool current_utc_time "What is 17 * 23, and what time is it?"
          swarms agent --mcp "files=npx -y @modelcontextprotocol/server-filesystem ." "List the files here"
          SWARMS_MODEL_PROVIDER=openai OPENAI_API_KEY=... swarms agent "Analyze TSLA" --model gpt-4o-mini

        Exit codes: 0 completed, 1 the agent failed, 2 bad usage, 130 cancelled (Ctrl+C).
        """;

    public static Command Create(CliContext context)
    {
        var task = new Argument<string?>("task") { Description = "What the agent should do ('-': read it from standard input).", Arity = ArgumentArity.ZeroOrOne };
        var taskFile = TaskInput.CreateOption();
        var name = new Option<string>("--name") { Description = "The agent's name.", DefaultValueFactory = _ => "Swarms-Demo-Agent" };
        var prompt = new Option<string>("--system-prompt")
        {
            Description = "The agent's role.",
            DefaultValueFactory = _ => "You are a market analyst who gives structured, balanced analysis.",
        };
        var loops = new Option<int>("--max-loops")
        {
            Description = "How many times the agent refines its answer (1 or more).",
            DefaultValueFactory = _ => 1,
            CustomParser = result => ParseLoops(result),
        };
        var common = new CommonOptions("The model (or Azure deployment) the agent calls. Overrides SWARMS_MODEL and the provider's model setting.");
        var toolOptions = new ToolOptions();
        var command = new Command("agent", Help) { task, taskFile, name, prompt, loops };
        toolOptions.AddTo(command);
        common.AddTo(command);

        command.SetAction(async (parse, cancellationToken) =>
        {
            var (provider, model, json, quiet, outputFile) = common.Read(parse, context);
            var (tools, servers) = toolOptions.Read(parse, context.Tools);
            var text = await TaskInput.ReadAsync(parse.GetValue(task), parse.GetValue(taskFile), context, cancellationToken).ConfigureAwait(false);
            var agentName = parse.GetValue(name);
            if (string.IsNullOrWhiteSpace(agentName))
            {
                throw new CliUsageException("--name must not be empty.");
            }

            using var models = ModelChoice.Create(context, provider, model);
            var agent = models.Agents.Create(new AgentOptions
            {
                AgentName = agentName.Trim(),
                SystemPrompt = parse.GetValue(prompt),
                ModelName = model,
                MaxLoops = parse.GetValue(loops),
                StreamingOn = true,
                PrintOn = !json && !quiet,
                Output = new SpectreConsoleOutput(context.Console),
                Input = context.Input,
                Tools = tools,
                McpServers = servers,
            });

            // A failed agent throws AgentRunException, which SwarmsCli reports with exit code 1.
            var output = json
                ? await agent.RunAsync(text, new EventJson(context.Out), cancellationToken).ConfigureAwait(false)
                : await agent.RunAsync(text, cancellationToken).ConfigureAwait(false);

            if (quiet)
            {
                context.Out.WriteLine(output);
            }

            if (outputFile is not null)
            {
                var content = outputFile.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
                    ? JsonSerializer.Serialize(new { agent = agent.Name, output }, EventJson.Indented)
                    : output + "\n";
                await File.WriteAllTextAsync(outputFile, content, CancellationToken.None).ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static int ParseLoops(System.CommandLine.Parsing.ArgumentResult result)
    {
        var text = result.Tokens.Count == 0 ? "" : result.Tokens[0].Value;
        if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int loops) || loops < 1)
        {
            result.AddError($"--max-loops: '{text}' is not a whole number of 1 or more.");
            return 1;
        }

        return loops;
    }
}
