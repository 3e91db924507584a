using System.CommandLine;
using System.Text.Json;
using Swarms.Agents;
using Swarms.Agents.Streaming;

namespace Swarms.Cli.Commands;

/// <summary><c>swarms agent</c>: one streaming agent on a task.</summary>
internal static class AgentCommand
{
    private const string Help = """
        Run one agent on a task, its answer streaming token by token in a live panel.

        Examples:
          swarms agent "Analyze TSLA stock"
          swarms agent "Summarize the risks of a bond ladder" --name Risk-Analyst --system-prompt "You are a risk analyst."
          swarms agent "Analyze TSLA" --json
          SWARMS_MODEL_PROVIDER=openai OPENAI_API_KEY=... swarms agent "Analyze TSLA" --model gpt-4o-mini

        Exit codes: 0 completed, 1 the agent failed, 2 bad usage, 130 cancelled (Ctrl+C).
        """;

    public static Command Create(CliContext context)
    {
        var task = new Argument<string>("task") { Description = "What the agent should do." };
        var name = new Option<string>("--name") { Description = "The agent's name.", DefaultValueFactory = _ => "Swarms-Demo-Agent" };
        var prompt = new Option<string>("--system-prompt")
        {
            Description = "The agent's role.",
            DefaultValueFactory = _ => "You are a market analyst who gives structured, balanced analysis.",
        };
        var loops = new Option<int>("--max-loops") { Description = "How many times the agent refines its answer.", DefaultValueFactory = _ => 1 };
        var common = new CommonOptions();
        var command = new Command("agent", Help) { task, name, prompt, loops };
        common.AddTo(command);

        command.SetAction(async (parse, cancellationToken) =>
        {
            var (provider, model, json, quiet, outputFile) = common.Read(parse, context);
            if (parse.GetValue(loops) < 1)
            {
                throw new CliUsageException("--max-loops must be 1 or more.");
            }

            var models = ModelChoice.Create(context, provider, model);
            var agent = new Agent(new AgentOptions
            {
                AgentName = parse.GetValue(name) ?? "Swarms-Demo-Agent",
                SystemPrompt = parse.GetValue(prompt),
                ModelName = model,
                MaxLoops = parse.GetValue(loops),
                StreamingOn = true,
                PrintOn = !json && !quiet,
                Console = context.Console,
                ChatClient = models.Create(model),
            });

            // A failed agent throws AgentRunException, which SwarmsCli reports with exit code 1.
            var output = json ? await StreamJsonAsync(agent, parse.GetValue(task)!, context.Out, cancellationToken).ConfigureAwait(false)
                : await agent.RunAsync(parse.GetValue(task)!, cancellationToken).ConfigureAwait(false);

            if (quiet)
            {
                context.Out.WriteLine(output);
            }

            if (outputFile is not null)
            {
                var text = outputFile.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
                    ? JsonSerializer.Serialize(new { agent = agent.Name, output }, EventJson.Indented)
                    : output + "\n";
                await File.WriteAllTextAsync(outputFile, text, CancellationToken.None).ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<string> StreamJsonAsync(Agent agent, string task, TextWriter output, CancellationToken cancellationToken)
    {
        var write = EventJson.Writer(output);
        string answer = "";
        await foreach (var evt in agent.RunStreamingAsync(task, null, cancellationToken).ConfigureAwait(false))
        {
            write(evt);
            answer = (evt as AgentCompleted)?.Output ?? answer;
        }

        return answer;
    }
}
