namespace Swarms.Durable.Storage;

/// <summary>
/// The SQLite schema. Times are UTC ticks (INTEGER) so comparisons are cheap and exact. Leases are
/// (lock_owner, locked_until) pairs: a row is free when lock_owner is NULL, and may be taken by another
/// owner once locked_until has passed.
/// </summary>
internal static class SqliteSchema
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS instances (
            instance_id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            status INTEGER NOT NULL,
            input TEXT,
            output TEXT,
            custom_status TEXT,
            failure TEXT,
            parent_instance_id TEXT,
            created INTEGER NOT NULL,
            last_updated INTEGER NOT NULL,
            lock_owner TEXT,
            locked_until INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX IF NOT EXISTS ix_instances_created ON instances (created, instance_id);
        CREATE INDEX IF NOT EXISTS ix_instances_lock ON instances (lock_owner) WHERE lock_owner IS NOT NULL;
        CREATE TABLE IF NOT EXISTS history (
            instance_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            payload TEXT NOT NULL,
            PRIMARY KEY (instance_id, seq)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS messages (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            instance_id TEXT NOT NULL,
            control INTEGER NOT NULL,
            payload TEXT NOT NULL,
            visible_at INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_messages_instance ON messages (instance_id, id);
        CREATE INDEX IF NOT EXISTS ix_messages_visible ON messages (visible_at);
        CREATE TABLE IF NOT EXISTS activities (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            instance_id TEXT NOT NULL,
            task_id INTEGER NOT NULL,
            name TEXT NOT NULL,
            input TEXT,
            attempt INTEGER NOT NULL,
            lock_owner TEXT,
            locked_until INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX IF NOT EXISTS ix_activities_lease ON activities (locked_until);
        CREATE INDEX IF NOT EXISTS ix_activities_owner ON activities (lock_owner) WHERE lock_owner IS NOT NULL;
        """;
}
