using System.Globalization;
using DurableTask.AzureStorage;
using Microsoft.Extensions.Configuration;
using Swarms.Api.Configuration;
using Swarms.Api.Storage;
using Swarms.Durable.Hosting;
using Swarms.Host.Configuration;

namespace Swarms.Host.Durable;

/// <summary>
/// The durable backend the configuration asks for: Azure Storage when <c>AzureWebJobsStorage</c> is set (a connection
/// string, <c>UseDevelopmentStorage=true</c> for Azurite, or an identity-based <c>__accountName</c>), with host.json's
/// hub name and storage provider settings; otherwise the embedded SQLite file (<c>SWARMS_DB_PATH</c>, default
/// <c>.swarms/runs.db</c> under the working directory).
/// </summary>
internal sealed record BackendChoice(string Description, StorageConnection? Storage, string? DatabasePath, Action<SwarmsDurableOptions> Configure)
{
    public static BackendChoice From(IConfiguration configuration, HostJson hostJson, string contentRoot)
    {
        var storage = StorageConnection.Read(configuration, HostSettings.Storage);
        var durable = hostJson.Durable;
        if (storage is not null)
        {
            void Apply(Swarms.Durable.AzureStorage.AzureStorageBackendOptions a)
            {
                a.PartitionCount = durable.PartitionCount ?? a.PartitionCount;
                a.ControlQueueVisibilityTimeout = durable.ControlQueueVisibilityTimeout ?? a.ControlQueueVisibilityTimeout;
                a.WorkItemQueueVisibilityTimeout = durable.WorkItemQueueVisibilityTimeout ?? a.WorkItemQueueVisibilityTimeout;
                a.MaxQueuePollingInterval = durable.MaxQueuePollingInterval ?? a.MaxQueuePollingInterval;
                a.UseTablePartitionManagement = durable.UseTablePartitionManagement ?? a.UseTablePartitionManagement;
                a.MaxConcurrentActivities = durable.MaxConcurrentActivityFunctions ?? a.MaxConcurrentActivities;
                a.MaxConcurrentOrchestrations = durable.MaxConcurrentOrchestratorFunctions ?? a.MaxConcurrentOrchestrations;
                a.ExtendedSessionsEnabled = durable.ExtendedSessionsEnabled ?? a.ExtendedSessionsEnabled;
                // A partition whose owner was killed moves to a live worker after LeaseInterval: keep it below the
                // visibility timeouts host.json chose, so a restarted host resumes as soon as its messages reappear.
                var visibility = Min(a.ControlQueueVisibilityTimeout, a.WorkItemQueueVisibilityTimeout);
                if (visibility < a.LeaseInterval)
                {
                    a.LeaseInterval = visibility;
                    a.LeaseRenewInterval = visibility / 3;
                    a.LeaseAcquireInterval = visibility / 3;
                }

                if (storage.IsIdentityBased)
                {
                    a.Configure = s => s.StorageAccountClientProvider = new StorageAccountClientProvider(storage.AccountName!, storage.Credential!);
                }
            }

            var connectionString = storage.ConnectionString ?? $"AccountName={storage.AccountName}";
            var where = storage.IsIdentityBased ? $"account {storage.AccountName} (identity)" : Describe(storage.ConnectionString!);
            return new BackendChoice($"Azure Storage, {where}, task hub {durable.HubName}", storage, null, o => o.UseAzureStorage(connectionString, durable.HubName, Apply));
        }

        var path = Path.GetFullPath(configuration[HostSettings.DatabasePath] is { Length: > 0 } p ? p : HostSettings.DefaultDatabasePath, contentRoot);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var lockDuration = configuration[HostSettings.SqliteLockDuration] is { Length: > 0 } text
            ? TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var d) && d > TimeSpan.Zero
                ? d
                : throw new FormatException($"{HostSettings.SqliteLockDuration}: must be a positive time span such as 00:00:30, not '{text}'")
            : (TimeSpan?)null;
        return new BackendChoice($"SQLite ({path})", null, path, o => o.UseSqlite(path, s =>
        {
            if (lockDuration is { } duration)
            {
                s.LockDuration = duration;
            }

            if (durable.MaxConcurrentActivityFunctions is { } activities)
            {
                s.MaxConcurrentActivities = activities;
            }

            if (durable.MaxConcurrentOrchestratorFunctions is { } orchestrations)
            {
                s.MaxConcurrentOrchestrations = orchestrations;
            }
        }));
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    // Never the key: the account and the endpoints only.
    private static string Describe(string connectionString)
    {
        if (connectionString.Contains("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase))
        {
            return "Azurite (UseDevelopmentStorage=true)";
        }

        var parts = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Where(kv => kv.Length == 2 && (kv[0].Equals("AccountName", StringComparison.OrdinalIgnoreCase) || kv[0].Equals("QueueEndpoint", StringComparison.OrdinalIgnoreCase)))
            .Select(kv => $"{kv[0]}={kv[1]}");
        return string.Join(", ", parts);
    }
}
