using System.CommandLine;

namespace Swarms.Cli.Commands;

/// <summary>The options <c>run</c> and <c>agent</c> share: model choice and where the output goes.</summary>
internal sealed class CommonOptions
{
    public Option<string?> Provider { get; } = new("--provider")
    {
        Description = "Model provider: local (offline stand-in, the default), openai or azure-openai. Overrides SWARMS_MODEL_PROVIDER.",
    };

    public Option<string?> Model { get; }

    public Option<bool> Json { get; } = new("--json") { Description = "Write the run's events as NDJSON on stdout (one JSON object per line) instead of a display." };

    public Option<bool> Quiet { get; } = new("--quiet", "-q") { Description = "No display: print only the final output on stdout." };

    public Option<string?> Output { get; } = new("--output", "-o") { Description = "Also write the final output to this file (.json: the full result with every agent)." };

    /// <param name="modelHelp">What <c>--model</c> overrides for this command.</param>
    public CommonOptions(string modelHelp) => Model = new("--model") { Description = modelHelp };

    public void AddTo(Command command)
    {
        command.Add(Provider);
        command.Add(Model);
        command.Add(Json);
        command.Add(Quiet);
        command.Add(Output);
    }

    /// <summary>Reads the options; <c>--json</c> and <c>--quiet</c> exclude each other.</summary>
    public (string? Provider, string? Model, bool Json, bool Quiet, string? OutputFile) Read(ParseResult parse, CliContext context)
    {
        bool json = parse.GetValue(Json), quiet = parse.GetValue(Quiet);
        if (json && quiet)
        {
            throw new CliUsageException("--json and --quiet cannot be used together.");
        }

        var output = parse.GetValue(Output);
        if (output is not null)
        {
            output = Path.GetFullPath(output, context.WorkingDirectory);
            var directory = Path.GetDirectoryName(output);
            if (directory is null || !Directory.Exists(directory))
            {
                throw new CliUsageException($"--output '{parse.GetValue(Output)}': the directory '{directory}' does not exist.");
            }
        }

        return (parse.GetValue(Provider), parse.GetValue(Model), json, quiet, output);
    }
}
