namespace Swarms.Testing;

/// <summary>A SQLite file path in the temp folder; disposing deletes the file with its WAL and shared-memory files.</summary>
public sealed class TempDatabase : IDisposable, IAsyncDisposable
{
    /// <summary>Reserves a fresh path (the file is created by whoever opens it).</summary>
    /// <param name="name">A hint in the file name.</param>
    public TempDatabase(string name = "swarms") => Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{name}-{Guid.NewGuid():N}.db");

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(Path + suffix);
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
