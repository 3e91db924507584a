namespace Swarms.Infra.Tests;

/// <summary>The storage account: identity-only access, the durable and queue-trigger plumbing, the run log table.</summary>
[Collection(CompiledInfra.Name)]
public class StorageTests(InfraFixture infra)
{
    private ArmResource Account => infra.Single("Microsoft.Storage/storageAccounts");

    [Fact]
    public void Account_AllowsNoPublicBlobs_NoSharedKey_AndTls12OrHigher()
    {
        var properties = Account.Properties!;

        Assert.False((bool)properties["allowBlobPublicAccess"]!);
        Assert.False((bool)properties["allowSharedKeyAccess"]!, "the app authenticates with its identity; keys stay off");
        Assert.Contains((string?)properties["minimumTlsVersion"], new[] { "TLS1_2", "TLS1_3" });
        Assert.True((bool)properties["supportsHttpsTrafficOnly"]!);
    }

    [Fact]
    public void Queues_SwarmTasksAndItsPoisonQueue_Exist()
    {
        var queues = infra.OfType("Microsoft.Storage/storageAccounts/queueServices/queues")
            .Select(q => ArmTemplate.LastNameSegment(q.Name))
            .Order(StringComparer.Ordinal);

        Assert.Equal(["swarm-tasks", "swarm-tasks-poison"], queues);
    }

    [Fact]
    public void Tables_TheRunLogTable_Exists()
    {
        var table = infra.Single("Microsoft.Storage/storageAccounts/tableServices/tables");

        Assert.Equal("SwarmRunEvents", ArmTemplate.LastNameSegment(table.Name));
    }

    [Fact]
    public void AppSetting_AzureWebJobsStorageAccountName_IsTheAccountTheStorageModuleCreates()
    {
        var functionApp = infra.Module("functionapp");

        var source = infra.SourceModuleOutput(functionApp, "storageAccountName");

        Assert.Equal(("storage", "name", "[parameters('name')]"), source);
        Assert.Equal("[parameters('name')]", Account.Name);
        Assert.Equal("storage", Account.Template.Name);
    }
}
