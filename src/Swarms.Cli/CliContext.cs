using Spectre.Console;
using Swarms.Agents.Tools;

namespace Swarms.Cli;

/// <summary>
/// Where the CLI reads and writes: the process's console and environment in production, test doubles in tests.
/// </summary>
/// <param name="Console">Human output: dashboards and panels.</param>
/// <param name="Out">Machine output: NDJSON events, the final answer.</param>
/// <param name="Error">Errors and notices.</param>
internal sealed record CliContext(IAnsiConsole Console, TextWriter Out, TextWriter Error)
{
    /// <summary>Where <c>swarms/</c> is looked for first, and <c>local.settings.json</c> read.</summary>
    public string WorkingDirectory { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>Where the shipped <c>swarms/</c> definitions are (beside the executable).</summary>
    public string ExecutableDirectory { get; init; } = AppContext.BaseDirectory;

    /// <summary>Replaces the process environment when set (tests).</summary>
    public IReadOnlyDictionary<string, string?>? Environment { get; init; }

    /// <summary>The tools known by name (<c>--tool</c>, definitions' <c>"tools"</c>): the built-ins.</summary>
    public ToolRegistry Tools { get; init; } = ToolRegistry.CreateDefault();

    /// <summary>Standard input: the task of <c>swarms agent -</c>, the turns of an interactive agent.</summary>
    public TextReader Input { get; init; } = System.Console.In;

    /// <summary>The real console, standard input, output and error.</summary>
    public static CliContext FromProcess() => new(AnsiConsole.Console, System.Console.Out, System.Console.Error);
}
