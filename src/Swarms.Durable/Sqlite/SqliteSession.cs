using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Swarms.Durable.Sqlite;

/// <summary>
/// One SQLite connection with its prepared statements, used by one thread at a time. Statements run through
/// SQLitePCL's raw API (the library under Microsoft.Data.Sqlite) with parameters bound by position: on the
/// writer's hot path that costs a fraction of ADO.NET's per-execution work (statement re-validation, binding by
/// name, reader objects). Microsoft.Data.Sqlite still opens the connection and loads the native library.
/// </summary>
internal sealed class SqliteSession : IDisposable
{
    private readonly Dictionary<string, (sqlite3_stmt Statement, int[] Slots)> _statements = new(StringComparer.Ordinal);
    private readonly SqliteConnection _connection;
    private readonly sqlite3 _db;

    public SqliteSession(string connectionString)
    {
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        _db = _connection.Handle!;
    }

    /// <summary>Binds <paramref name="args"/> to the parameters $p0, $p1, ... of the statement of <paramref name="sql"/>,
    /// prepared once per connection (with the position of each named parameter, looked up once).</summary>
    public SqliteRows Command(string sql, params object?[] args)
    {
        if (!_statements.TryGetValue(sql, out var prepared))
        {
            Check(raw.sqlite3_prepare_v2(_db, sql, out var created));
            var slots = new int[raw.sqlite3_bind_parameter_count(created)];
            for (var i = 0; i < slots.Length; i++)
            {
                slots[i] = raw.sqlite3_bind_parameter_index(created, "$p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            prepared = (created, slots);
            _statements.Add(sql, prepared);
        }

        var (statement, positions) = prepared;
        for (var i = 0; i < args.Length; i++)
        {
            var slot = i < positions.Length ? positions[i] : 0;
            if (slot == 0)
            {
                throw new ArgumentException($"The statement has no parameter $p{i}: {sql}", nameof(args));
            }

            var rc = args[i] switch
            {
                null => raw.sqlite3_bind_null(statement, slot),
                string text => raw.sqlite3_bind_text(statement, slot, text),
                long number => raw.sqlite3_bind_int64(statement, slot, number),
                int number => raw.sqlite3_bind_int64(statement, slot, number),
                bool flag => raw.sqlite3_bind_int64(statement, slot, flag ? 1 : 0),
                double number => raw.sqlite3_bind_double(statement, slot, number),
                var other => throw new ArgumentException($"Unsupported parameter type {other.GetType()}.", nameof(args)),
            };
            Check(rc);
        }

        return new SqliteRows(this, statement);
    }

    /// <summary>Runs a statement; returns the number of rows it changed.</summary>
    public int Execute(string sql, params object?[] args)
    {
        using var rows = Command(sql, args);
        while (rows.Read())
        {
        }

        return raw.sqlite3_changes(_db);
    }

    /// <summary>The first column of the first row (long, double, string), or null.</summary>
    public object? Scalar(string sql, params object?[] args)
    {
        using var rows = Command(sql, args);
        return rows.Read() ? rows.GetValue(0) : null;
    }

    /// <summary>Runs a multi-statement script once, unprepared (later statements may depend on earlier ones).</summary>
    public void ExecuteScript(string sql) => Check(raw.sqlite3_exec(_db, sql));

    public void Dispose()
    {
        foreach (var (statement, _) in _statements.Values)
        {
            statement.Dispose();
        }

        _connection.Dispose();
    }

    internal void Check(int rc)
    {
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_ROW or raw.SQLITE_DONE))
        {
            throw new SqliteException(raw.sqlite3_errmsg(_db).utf8_to_string(), rc, raw.sqlite3_extended_errcode(_db));
        }
    }
}

/// <summary>The rows of a running statement; disposing resets it for the next execution.</summary>
internal readonly struct SqliteRows(SqliteSession session, sqlite3_stmt statement) : IDisposable
{
    public SqliteRows ExecuteReader() => this;

    public bool Read()
    {
        var rc = raw.sqlite3_step(statement);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        session.Check(rc);
        return false;
    }

    public bool IsDBNull(int column) => raw.sqlite3_column_type(statement, column) == raw.SQLITE_NULL;

    public string GetString(int column) => raw.sqlite3_column_text(statement, column).utf8_to_string();

    public long GetInt64(int column) => raw.sqlite3_column_int64(statement, column);

    public int GetInt32(int column) => raw.sqlite3_column_int(statement, column);

    public object? GetValue(int column) => raw.sqlite3_column_type(statement, column) switch
    {
        raw.SQLITE_NULL => null,
        raw.SQLITE_INTEGER => GetInt64(column),
        raw.SQLITE_FLOAT => raw.sqlite3_column_double(statement, column),
        _ => GetString(column),
    };

    public void Dispose()
    {
        raw.sqlite3_reset(statement);
        raw.sqlite3_clear_bindings(statement);
    }
}
