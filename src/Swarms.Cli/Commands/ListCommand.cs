using System.CommandLine;
using Spectre.Console;
using Swarms.Agents.Workflows.Definitions;

namespace Swarms.Cli.Commands;

/// <summary><c>swarms list</c>: the swarms <c>swarms run</c> knows by name.</summary>
internal static class ListCommand
{
    private const string Help = """
        List the known swarms: the definitions of every swarms/ folder from the current directory upward, and of the
        one shipped beside the swarms executable (a nearer folder's swarm wins over a farther one of the same name),
        with their kind and agents. Invalid definitions are listed with their error.

        Examples:
          swarms list
          swarms run market-analysis "Analyze TSLA"
        """;

    public static Command Create(CliContext context)
    {
        var command = new Command("list", Help);
        command.SetAction(_ =>
        {
            var catalog = SwarmCatalog.Discover(context.WorkingDirectory, context.ExecutableDirectory);
            if (catalog.Folders.Count == 0)
            {
                context.Error.WriteLine($"swarms: no swarms/ folder found in {context.WorkingDirectory} or its parents, nor beside the executable.");
                return ExitCodes.Ok;
            }

            var table = new Table().Border(TableBorder.Rounded).Title("Known swarms")
                .AddColumn("Name").AddColumn("Kind").AddColumn("Agents").AddColumn("Description");
            foreach (var file in catalog.Files())
            {
                try
                {
                    var d = SwarmDefinitionLoader.Load(file, context.Tools);
                    table.AddRow(
                        new Text(d.Name), new Text(d.Kind.ToString().ToLowerInvariant()),
                        new Text(string.Join(", ", d.Agents.Select(a => a.Name))), new Text(d.Description ?? ""));
                }
                catch (SwarmDefinitionException ex)
                {
                    table.AddRow(new Text(Path.GetFileNameWithoutExtension(file)), new Markup("[red]invalid[/]"), new Text(""), new Text(ex.Message));
                }
            }

            context.Console.Write(table);
            foreach (var folder in catalog.Folders)
            {
                context.Console.WriteLine($"from {folder}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
