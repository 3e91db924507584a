using Azure.Storage.Queues;
using Microsoft.Extensions.Logging.Abstractions;
using Swarms.Durable.AzureStorage;

namespace Swarms.Durable.Tests.Hosting;

public sealed class AzureStorageOptionsTests
{
    [Fact]
    public void UseDevelopmentStorage_MapsToAzuriteOnItsDefaultPorts()
    {
        var options = new AzureStorageBackendOptions { ConnectionString = "UseDevelopmentStorage=true", TaskHubName = "swarms" };

        var settings = options.ToSettings(NullLoggerFactory.Instance);
        var queues = settings.StorageAccountClientProvider!.Queue.CreateClient(new QueueClientOptions());

        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), queues.Uri);
    }

    [Fact]
    public void Settings_CarryTheTimeoutsLeasesAndAWorkerIdPerProcess()
    {
        var options = new AzureStorageBackendOptions
        {
            ConnectionString = "UseDevelopmentStorage=true",
            TaskHubName = "swarms",
            ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(30),
            WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(40),
            LeaseInterval = TimeSpan.FromSeconds(15),
            PartitionCount = 8,
            Configure = s => s.MaxQueuePollingInterval = TimeSpan.FromSeconds(2),
        };

        var settings = options.ToSettings(NullLoggerFactory.Instance);

        Assert.Equal(TimeSpan.FromSeconds(30), settings.ControlQueueVisibilityTimeout);
        Assert.Equal(TimeSpan.FromSeconds(40), settings.WorkItemQueueVisibilityTimeout);
        Assert.Equal(TimeSpan.FromSeconds(15), settings.LeaseInterval);
        Assert.Equal(8, settings.PartitionCount);
        Assert.Equal(TimeSpan.FromSeconds(2), settings.MaxQueuePollingInterval);
        Assert.True(settings.UseTablePartitionManagement);
        Assert.EndsWith("-" + Environment.ProcessId, settings.WorkerId, StringComparison.Ordinal);
    }
}
