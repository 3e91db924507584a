using Microsoft.Data.Sqlite;

namespace Swarms.Durable.Sqlite;

/// <summary>
/// One SQLite connection with its prepared commands, used by one thread at a time. Preparing a statement
/// costs more than running a small one, so each SQL text is prepared once per connection.
/// </summary>
internal sealed class SqliteSession : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public SqliteSession(string connectionString)
    {
        Connection = new SqliteConnection(connectionString);
        Connection.Open();
    }

    public SqliteConnection Connection { get; }

    public SqliteCommand Command(string sql, params object?[] args)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
#pragma warning disable CA2100 // SQL texts are constants of this assembly; values are always parameters.
            command.CommandText = sql;
#pragma warning restore CA2100
            for (var i = 0; i < args.Length; i++)
            {
                command.Parameters.Add(new SqliteParameter("$p" + i, args[i] ?? DBNull.Value));
            }

            command.Prepare();
            _commands.Add(sql, command);
            return command;
        }

        for (var i = 0; i < args.Length; i++)
        {
            command.Parameters[i].Value = args[i] ?? DBNull.Value;
        }

        return command;
    }

    public int Execute(string sql, params object?[] args) => Command(sql, args).ExecuteNonQuery();

    /// <summary>Runs a multi-statement script once, unprepared (later statements may depend on earlier ones).</summary>
    public void ExecuteScript(string sql)
    {
        using var command = Connection.CreateCommand();
#pragma warning disable CA2100 // Constant schema text of this assembly.
        command.CommandText = sql;
#pragma warning restore CA2100
        command.ExecuteNonQuery();
    }

    public object? Scalar(string sql, params object?[] args)
    {
        var value = Command(sql, args).ExecuteScalar();
        return value is DBNull ? null : value;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        Connection.Dispose();
    }
}
