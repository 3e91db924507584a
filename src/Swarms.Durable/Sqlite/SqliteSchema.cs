namespace Swarms.Durable.Sqlite;

/// <summary>
/// The SQLite schema of the Durable Task backend. Tables carry a <c>dt_</c> prefix so other features may keep
/// their own tables in the same file. Times are UTC ticks (INTEGER): comparisons are cheap and exact. Leases are
/// (lock_owner, locked_until) pairs: a row is free when lock_owner is NULL and may be taken by another owner once
/// locked_until has passed. Payloads (history events, task messages, orchestration state) are DurableTask.Core's
/// own JSON form (<c>JsonDataConverter.Default</c>), so every event type and field round-trips.
/// </summary>
internal static class SqliteSchema
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS dt_instances (
            instance_id TEXT PRIMARY KEY,
            execution_id TEXT NOT NULL,
            name TEXT NOT NULL,
            status INTEGER NOT NULL,
            created INTEGER NOT NULL,
            last_updated INTEGER NOT NULL,
            input TEXT,
            output TEXT,
            custom_status TEXT,
            state TEXT NOT NULL,
            parent_instance_id TEXT,
            lock_owner TEXT,
            locked_until INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX IF NOT EXISTS ix_dt_instances_created ON dt_instances (created, instance_id);
        CREATE INDEX IF NOT EXISTS ix_dt_instances_updated ON dt_instances (last_updated);
        CREATE INDEX IF NOT EXISTS ix_dt_instances_parent ON dt_instances (parent_instance_id) WHERE parent_instance_id IS NOT NULL;
        CREATE INDEX IF NOT EXISTS ix_dt_instances_owner ON dt_instances (lock_owner) WHERE lock_owner IS NOT NULL;
        CREATE TABLE IF NOT EXISTS dt_history (
            instance_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            payload TEXT NOT NULL,
            PRIMARY KEY (instance_id, seq)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS dt_messages (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            instance_id TEXT NOT NULL,
            visible_at INTEGER NOT NULL,
            payload TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_dt_messages_instance ON dt_messages (instance_id, id);
        CREATE INDEX IF NOT EXISTS ix_dt_messages_visible ON dt_messages (visible_at);
        CREATE TABLE IF NOT EXISTS dt_activities (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            instance_id TEXT NOT NULL,
            payload TEXT NOT NULL,
            lock_owner TEXT,
            locked_until INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX IF NOT EXISTS ix_dt_activities_lease ON dt_activities (locked_until);
        CREATE INDEX IF NOT EXISTS ix_dt_activities_owner ON dt_activities (lock_owner) WHERE lock_owner IS NOT NULL;
        CREATE INDEX IF NOT EXISTS ix_dt_activities_instance ON dt_activities (instance_id);
        """;
}
