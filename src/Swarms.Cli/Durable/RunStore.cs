using System.Text;
using Microsoft.Data.Sqlite;

namespace Swarms.Cli.Durable;

/// <summary>
/// The file durable runs live in (<c>--store</c>, default <c>./swarms-runs.db</c>): the embedded Durable Task backend's
/// tables and the run log, side by side in one SQLite file.
/// </summary>
internal sealed class RunStore
{
    public const string DefaultFileName = "swarms-runs.db";

    private static readonly byte[] SqliteHeader = Encoding.ASCII.GetBytes("SQLite format 3\0");

    private RunStore(string path, string shown)
    {
        Path = path;
        Shown = shown;
    }

    /// <summary>The file's full path.</summary>
    public string Path { get; }

    /// <summary>The path as the user gave it (or the default), for messages and hints.</summary>
    public string Shown { get; }

    /// <summary>
    /// The store <paramref name="option"/> names (or the default in the working directory). <paramref name="mustExist"/>:
    /// reading or resuming runs needs the file; a new run creates it.
    /// </summary>
    /// <exception cref="CliUsageException">Missing, a directory, in a missing directory, or not a SQLite database.</exception>
    public static RunStore Resolve(CliContext context, string? option, bool mustExist)
    {
        var shown = option ?? "./" + DefaultFileName;
        if (option is not null && string.IsNullOrWhiteSpace(option))
        {
            throw new CliUsageException("--store: give a file path.");
        }

        var path = System.IO.Path.GetFullPath(option ?? DefaultFileName, context.WorkingDirectory);
        if (Directory.Exists(path))
        {
            throw new CliUsageException($"--store '{shown}' is a directory; give the run store's file.");
        }

        if (!File.Exists(path))
        {
            if (mustExist)
            {
                throw new CliUsageException(
                    $"No run store at '{shown}'. Durable runs are kept where 'swarms run <swarm> \"<task>\" --durable' put them " +
                    $"(--store FILE, default ./{DefaultFileName} in the current directory).");
            }

            var directory = System.IO.Path.GetDirectoryName(path);
            if (directory is null || !Directory.Exists(directory))
            {
                throw new CliUsageException($"--store '{shown}': the directory '{directory}' does not exist.");
            }
        }
        else if (!IsSqlite(path))
        {
            throw new CliUsageException($"'{shown}' is not a run store: the file is not a SQLite database.");
        }
        else
        {
            CheckTables(path, shown);
        }

        return new RunStore(path, shown);
    }

    /// <summary>
    /// A SQLite file SQLite can read, empty or holding durable runs: not a damaged one, and not another program's database
    /// (a run store's tables would be added to it). Opened read-only: nothing is written to a file that is refused.
    /// </summary>
    private static void CheckTables(string path, string shown)
    {
        var tables = new List<string>();
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false,
            }.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }
        catch (SqliteException ex)
        {
            throw new CliUsageException($"'{shown}' is not a usable run store: {Damaged(ex)}");
        }

        if (tables.Count > 0 && !tables.Contains("dt_instances", StringComparer.Ordinal))
        {
            throw new CliUsageException(
                $"'{shown}' is not a run store: it is a SQLite database of something else (tables {string.Join(", ", tables.Take(5))}). " +
                "Give the file 'swarms run ... --durable --store' wrote, or a new file name.");
        }
    }

    /// <summary>What SQLite says of a file it cannot use, in a sentence.</summary>
    public static string Damaged(SqliteException ex)
    {
        // "SQLite Error 11: 'database disk image is malformed'." or the bare text: the text.
        var text = System.Text.RegularExpressions.Regex.Match(ex.Message, @"^SQLite Error \d+: '(.*)'\.?$", System.Text.RegularExpressions.RegexOptions.Singleline) is { Success: true } m
            ? m.Groups[1].Value
            : ex.Message.TrimEnd('.');
        return $"SQLite reports \"{text}\" (the file is damaged or not a run store; move it away or give another --store).";
    }

    /// <summary>An empty file (SQLite makes it a database) or one that starts with SQLite's header.</summary>
    private static bool IsSqlite(string path)
    {
        try
        {
            using var file = File.OpenRead(path);
            if (file.Length == 0)
            {
                return true;
            }

            var header = new byte[SqliteHeader.Length];
            return file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) == header.Length && header.AsSpan().SequenceEqual(SqliteHeader);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"Cannot read the run store '{path}': {ex.Message}");
        }
    }
}
