using System.CommandLine;

namespace Swarms.Cli.Commands;

/// <summary>
/// Where the task comes from: the command line, a file (<c>--task-file PATH</c>), or standard input (<c>-</c> as the task,
/// or <c>--task-file -</c>). An empty or blank task is bad usage.
/// </summary>
internal static class TaskInput
{
    public static Option<string?> CreateOption() => new("--task-file")
    {
        Description = "Read the task from this file ('-': standard input) instead of the command line.",
        HelpName = "path",
    };

    /// <exception cref="CliUsageException">No task, two tasks, an unreadable file, or a blank task.</exception>
    public static async Task<string> ReadAsync(string? argument, string? file, CliContext context, CancellationToken cancellationToken)
    {
        if (argument is not null && file is not null)
        {
            throw new CliUsageException("Give the task either on the command line or with --task-file, not both.");
        }

        string task;
        if (argument == "-" || file == "-")
        {
            task = await context.Input.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }
        else if (file is not null)
        {
            var path = Path.GetFullPath(file, context.WorkingDirectory);
            try
            {
                task = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new CliUsageException($"--task-file '{file}': {ex.Message}");
            }
        }
        else
        {
            task = argument ?? throw new CliUsageException("Give a task: on the command line, with --task-file PATH, or '-' to read it from standard input.");
        }

        return string.IsNullOrWhiteSpace(task)
            ? throw new CliUsageException("The task is empty.")
            : task.Trim();
    }
}
