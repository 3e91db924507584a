using Spectre.Console.Testing;

namespace Swarms.Cli.Tests;

/// <summary>Runs the CLI in process with a test console, captured stdout/stderr and a controlled environment.</summary>
internal sealed class CliRunner : IDisposable
{
    public CliRunner(params (string Name, string Value)[] environment)
    {
        WorkingDirectory = Directory.CreateTempSubdirectory("swarms-cli-").FullName;
        Environment = new Dictionary<string, string?>(StringComparer.Ordinal) { ["SWARMS_LOCAL_TOKENS_PER_SECOND"] = "0" };
        foreach (var (name, value) in environment)
        {
            Environment[name] = value;
        }
    }

    public string WorkingDirectory { get; }

    public Dictionary<string, string?> Environment { get; }

    public TestConsole Console { get; } = new TestConsole().Width(120);

    public StringWriter Out { get; } = new();

    public StringWriter Error { get; } = new();

    /// <summary>Standard input of the run (the task of <c>swarms agent -</c>).</summary>
    public TextReader Input { get; set; } = TextReader.Null;

    public Task<int> RunAsync(params string[] args) => RunAsync(CancellationToken.None, args);

    public Task<int> RunAsync(CancellationToken cancellationToken, params string[] args) =>
        SwarmsCli.RunAsync(args, new CliContext(Console, Out, Error) { WorkingDirectory = WorkingDirectory, Environment = Environment, Input = Input }, cancellationToken);

    public string WriteFile(string name, string content)
    {
        var path = Path.Combine(WorkingDirectory, name);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        Console.Dispose();
        Out.Dispose();
        Error.Dispose();
        Directory.Delete(WorkingDirectory, recursive: true);
    }
}
