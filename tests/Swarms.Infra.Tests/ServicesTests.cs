using System.Text.Json.Nodes;

namespace Swarms.Infra.Tests;

/// <summary>SignalR Service, Azure OpenAI, monitoring and the identity: the services the app talks to.</summary>
[Collection(CompiledInfra.Name)]
public class ServicesTests(InfraFixture infra)
{
    [Fact]
    public void SignalR_IsServerless_WithLocalAuthOff()
    {
        var signalR = infra.Single("Microsoft.SignalRService/signalR");
        var features = signalR.Properties!["features"]!.AsArray()
            .ToDictionary(f => (string)f!["flag"]!, f => (string?)f!["value"]);

        Assert.Equal("Serverless", features["ServiceMode"]);
        Assert.True((bool)signalR.Properties!["disableLocalAuth"]!, "the app authenticates with Entra (AuthType=azure.msi); access keys stay off");
        Assert.False((bool)signalR.Properties!["disableAadAuth"]!);
    }

    [Fact]
    public void OpenAi_IsAnOpenAiAccount_WithACustomSubdomain_AndLocalAuthOff()
    {
        var account = infra.Single("Microsoft.CognitiveServices/accounts");

        Assert.Equal("OpenAI", (string?)account.Json["kind"]);
        Assert.Equal(account.Name, (string?)account.Properties!["customSubDomainName"]);
        Assert.True((bool)account.Properties!["disableLocalAuth"]!, "the app authenticates with Entra; API keys stay off");
    }

    [Fact]
    public void OpenAi_DeploysTheModelNamedByMainParameters()
    {
        var deployment = infra.Single("Microsoft.CognitiveServices/accounts/deployments");
        var model = deployment.Properties!["model"]!;
        var template = deployment.Template;

        Assert.Equal("OpenAI", (string?)model["format"]);
        Assert.Equal("openAiModelName", template.RootParameter(model["name"]));
        Assert.Equal("openAiModelVersion", template.RootParameter(model["version"]));
        Assert.Equal("openAiDeploymentSku", template.RootParameter(deployment.Json["sku"]!["name"]));
        Assert.Equal("openAiDeploymentCapacity", template.RootParameter(deployment.Json["sku"]!["capacity"]));
        Assert.Equal("openAiDeploymentName", template.RootParameter(JsonValue.Create(ArmTemplate.LastNameSegmentExpression(deployment.Name))));
    }

    [Fact]
    public void AppSettings_AzureOpenAi_PointAtTheAccountEndpointAndTheDeployment()
    {
        var functionApp = infra.Module("functionapp");

        var endpoint = infra.SourceModuleOutput(functionApp, "openAiEndpoint");

        Assert.Equal(("openai", "endpoint"), (endpoint?.Module, endpoint?.Output));
        Assert.Equal("[reference(resourceId('Microsoft.CognitiveServices/accounts', parameters('name'))).endpoint]",
            ArmTemplate.WithoutApiVersions(endpoint?.Value ?? ""));
        Assert.Equal(
            ("openai", "deploymentName", "[parameters('deploymentName')]"),
            infra.SourceModuleOutput(functionApp, "openAiDeploymentName"));
    }

    [Fact]
    public void AppInsights_OnLogAnalytics_AcceptsOnlyEntraAuth()
    {
        var appInsights = infra.Single("Microsoft.Insights/components");
        var workspace = infra.Single("Microsoft.OperationalInsights/workspaces");

        Assert.True((bool)appInsights.Properties!["DisableLocalAuth"]!);
        Assert.Equal(
            $"[resourceId('Microsoft.OperationalInsights/workspaces', {workspace.Name.TrimStart('[').TrimEnd(']')})]",
            (string?)appInsights.Properties!["WorkspaceResourceId"]);
    }

    [Fact]
    public void Identity_IsOneUserAssignedIdentity()
    {
        var identity = infra.Single("Microsoft.ManagedIdentity/userAssignedIdentities");

        Assert.Equal("identity", identity.Template.Name);
    }
}
