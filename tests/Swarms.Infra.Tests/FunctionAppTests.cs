using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace Swarms.Infra.Tests;

/// <summary>The Function App: Flex Consumption, isolated .NET, the user-assigned identity, the app settings contract.</summary>
[Collection(CompiledInfra.Name)]
public class FunctionAppTests(InfraFixture infra)
{
    // Flex Consumption takes the runtime from functionAppConfig.runtime and refuses these as app settings; the
    // last two belong to plans with an Azure Files content share, which Flex Consumption does not use.
    private static readonly string[] RejectedByFlexConsumption =
    [
        "FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION", "FUNCTIONS_WORKER_RUNTIME_VERSION",
        "WEBSITE_RUN_FROM_PACKAGE", "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", "WEBSITE_CONTENTSHARE",
    ];

    private ArmResource Site => infra.Single("Microsoft.Web/sites");

    private Dictionary<string, string> AppSettings =>
        Site.Properties!["siteConfig"]!["appSettings"]!.AsArray()
            .ToDictionary(s => (string)s!["name"]!, s => Site.Resolved(s!["value"]) ?? "");

    [Fact]
    public void Plan_IsFlexConsumptionOnLinux()
    {
        var plan = infra.Single("Microsoft.Web/serverfarms");

        Assert.Equal("FC1", (string?)plan.Json["sku"]!["name"]);
        Assert.Equal("FlexConsumption", (string?)plan.Json["sku"]!["tier"]);
        Assert.True((bool)plan.Properties!["reserved"]!, "a Flex Consumption plan is a Linux plan (reserved: true)");
        Assert.Equal($"[resourceId('Microsoft.Web/serverfarms', {Unwrap(plan.Name)})]", (string?)Site.Properties!["serverFarmId"]);
    }

    [Fact]
    public void Site_IsALinuxFunctionAppServedOverHttpsOnly()
    {
        Assert.Equal("functionapp,linux", (string?)Site.Json["kind"]);
        Assert.True((bool)Site.Properties!["httpsOnly"]!);
        Assert.Equal("1.2", (string?)Site.Properties!["siteConfig"]!["minTlsVersion"]);
    }

    [Fact]
    public void Site_RunsAsTheUserAssignedIdentityOnly()
    {
        var identity = Site.Json["identity"]!;

        Assert.Equal("UserAssigned", (string?)identity["type"]);
        var assigned = Assert.Single(identity["userAssignedIdentities"]!.AsObject());
        Assert.Equal("[format('{0}', resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', parameters('identityName')))]", assigned.Key);
    }

    [Fact]
    public void Runtime_IsIsolatedDotnet_AtTheProjectsTargetFramework()
    {
        var targetFramework = XDocument.Load(Repository.PathOf("Directory.Build.props"))
            .Descendants("TargetFramework").Single().Value;
        var runtime = Site.Properties!["functionAppConfig"]!["runtime"]!;

        Assert.Equal("dotnet-isolated", (string?)runtime["name"]);
        Assert.Equal(targetFramework.Replace("net", "", StringComparison.Ordinal), Site.Resolved(runtime["version"]));
    }

    [Fact]
    public void Deployment_ReadsThePackageContainerOfTheStorageModule_WithTheIdentity()
    {
        var storage = Site.Properties!["functionAppConfig"]!["deployment"]!["storage"]!;
        var container = infra.Single("Microsoft.Storage/storageAccounts/blobServices/containers");

        Assert.Equal("blobContainer", (string?)storage["type"]);
        Assert.Equal("UserAssignedIdentity", (string?)storage["authentication"]!["type"]);
        Assert.Equal(
            "[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', parameters('identityName'))]",
            (string?)storage["authentication"]!["userAssignedIdentityResourceId"]);
        Assert.Contains("primaryEndpoints.blob, parameters('deploymentContainerName'))]", (string?)storage["value"], StringComparison.Ordinal);
        Assert.EndsWith("parameters('deploymentContainerName'))]", container.Name, StringComparison.Ordinal);
        Assert.Equal(
            container.Template.ResolveString(JsonValue.Create("[parameters('deploymentContainerName')]")),
            Site.Template.ResolveString(JsonValue.Create("[parameters('deploymentContainerName')]")));
    }

    [Fact]
    public void Scale_ComesFromTheMaximumInstanceCountAndMemoryParameters()
    {
        var scale = Site.Properties!["functionAppConfig"]!["scaleAndConcurrency"]!;

        Assert.Equal("maximumInstanceCount", Site.Template.RootParameter(scale["maximumInstanceCount"]));
        Assert.Equal("instanceMemoryMB", Site.Template.RootParameter(scale["instanceMemoryMB"]));
    }

    [Fact]
    public void AppSettings_AreExactlyTheNamesOfTheContract()
    {
        var contract = infra.AppSettingsContract.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var set = AppSettings.Keys.ToHashSet(StringComparer.Ordinal);

        var missing = contract.Except(set).Order(StringComparer.Ordinal).ToList();
        var extra = set.Except(contract).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"app settings differ from infra/app-settings.json; missing: [{string.Join(", ", missing)}], not in the contract: [{string.Join(", ", extra)}]");
    }

    [Fact]
    public void Contract_NamesEachSettingOnce_WithAMeaning_AndNoneFlexConsumptionRejects()
    {
        var names = infra.AppSettingsContract.Select(s => s.Name).ToList();

        Assert.NotEmpty(names);
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(infra.AppSettingsContract, s => Assert.False(string.IsNullOrWhiteSpace(s.Meaning), $"{s.Name} has no meaning"));
        Assert.Empty(names.Intersect(RejectedByFlexConsumption, StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public void AppSettings_ConnectWithTheIdentity_AndHoldNoKey()
    {
        var settings = AppSettings;
        const string clientId = "reference(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', parameters('identityName'))).clientId";
        string Setting(string name) => ArmTemplate.WithoutApiVersions(settings[name]);

        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.Equal($"[{clientId}]", Setting("AzureWebJobsStorage__clientId"));
        Assert.Equal($"[{clientId}]", Setting("AZURE_CLIENT_ID"));
        Assert.Equal(("storage", "name"), ArmTemplate.ModuleOutput(settings["AzureWebJobsStorage__accountName"]));
        Assert.Equal(
            $"[format('Endpoint=https://{{0}};AuthType=azure.msi;ClientId={{1}};Version=1.0;', reference(resourceId('Microsoft.SignalRService/signalR', parameters('signalRName'))).hostName, {clientId})]",
            Setting("AzureSignalRConnectionString"));
        Assert.Equal($"[format('ClientId={{0}};Authorization=AAD', {clientId})]", Setting("APPLICATIONINSIGHTS_AUTHENTICATION_STRING"));
        Assert.Equal("[reference(resourceId('Microsoft.Insights/components', parameters('appInsightsName'))).ConnectionString]",
            Setting("APPLICATIONINSIGHTS_CONNECTION_STRING"));
        Assert.Equal("azure-openai", settings["SWARMS_MODEL_PROVIDER"]);
        foreach (var (name, value) in settings)
        {
            Assert.DoesNotMatch(@"(?i)list\w*\(|AccessKey=|AccountKey=|SharedAccessSignature|api-key", value);
            Assert.False(string.IsNullOrEmpty(value), $"{name} is empty");
        }
    }

    [Fact]
    public void Site_IsTaggedForAzdAsServiceApi_InTheEnvironment()
    {
        var tags = (string?)Site.Json["tags"];

        Assert.Equal("[union(parameters('tags'), createObject('azd-service-name', 'api'))]", tags);
        var environmentTags = Site.Template.Resolve(JsonValue.Create("[parameters('tags')]")) as JsonObject;
        Assert.Equal("[parameters('environmentName')]", (string?)environmentTags?["azd-env-name"]);
    }

    private static string Unwrap(string expression) => expression.TrimStart('[').TrimEnd(']');
}
