using System.CommandLine;
using Spectre.Console;
using Swarms.Agents.Tools;

namespace Swarms.Cli.Commands;

/// <summary><c>swarms tools</c>: the tools agents can be given by name.</summary>
internal static class ToolsCommand
{
    private const string Help = """
        List the tools known by name: what --tool and a definition's "tools" field may name. Tools that are safe to
        repeat only read or compute (see README, "Tools").

        Examples:
          swarms tools
          swarms agent --tool calculator "What is 17 * 23?"
        """;

    public static Command Create(CliContext context)
    {
        var command = new Command("tools", Help);
        command.SetAction(_ =>
        {
            var table = new Table().Border(TableBorder.Rounded).Title("Tools")
                .AddColumn("Name").AddColumn("Safe to repeat").AddColumn("Description");
            foreach (var tool in context.Tools.Tools)
            {
                table.AddRow(new Text(tool.Name), new Text(tool.IsSafeToRepeat() ? "yes" : "no"), new Text(tool.Description));
            }

            context.Console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }
}
