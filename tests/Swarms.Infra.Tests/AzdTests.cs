using System.Text.Json.Nodes;

namespace Swarms.Infra.Tests;

/// <summary>What the Azure Developer CLI reads: azure.yaml, main.parameters.json, and the tags it finds resources by.</summary>
[Collection(CompiledInfra.Name)]
public class AzdTests(InfraFixture infra)
{
    private static readonly JsonObject Parameters =
        JsonNode.Parse(File.ReadAllText(Repository.PathOf("infra", "main.parameters.json")))!["parameters"]!.AsObject();

    [Fact]
    public void AzureYaml_DeclaresServiceApi_TheFunctionsProject_AsADotnetFunction()
    {
        var yaml = SimpleYaml.Read(Repository.PathOf("azure.yaml"));

        Assert.Equal("src/Swarms.Functions", yaml["services.api.project"].TrimStart('.', '/'));
        Assert.Equal("dotnet", yaml["services.api.language"]);
        Assert.Equal("function", yaml["services.api.host"]);
        Assert.Equal("infra", yaml["infra.path"]);
        Assert.Equal("main", yaml["infra.module"]);
        Assert.Equal(["services.api.host", "services.api.language", "services.api.project"],
            yaml.Keys.Where(k => k.StartsWith("services.", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Parameters_TakeTheEnvironmentNameAndLocationFromAzd()
    {
        Assert.Equal("${AZURE_ENV_NAME}", (string?)Parameters["environmentName"]!["value"]);
        Assert.Equal("${AZURE_LOCATION}", (string?)Parameters["location"]!["value"]);
        Assert.Equal("${AZURE_PRINCIPAL_ID}", (string?)Parameters["principalId"]!["value"]);
    }

    [Fact]
    public void Parameters_NameOnlyParametersOfMain_AndEveryOneWithoutADefault()
    {
        var declared = infra.Main.Json["parameters"]!.AsObject();
        var required = declared.Where(p => p.Value?["defaultValue"] is null).Select(p => p.Key);

        Assert.Empty(Parameters.Select(p => p.Key).Except(declared.Select(p => p.Key)));
        Assert.Empty(required.Except(Parameters.Select(p => p.Key)));
    }

    [Fact]
    public void TrackedResources_CarryTheAzdEnvironmentTag()
    {
        var tracked = infra.Resources.Where(r => r.Json["location"] is not null).ToList();

        Assert.NotEmpty(tracked);
        foreach (var resource in tracked)
        {
            var tags = resource.Json["tags"];
            var text = tags is JsonValue value ? value.ToString() : tags?.ToJsonString() ?? "";
            // The site adds its service tag with union(parameters('tags'), ...): read the environment tags it extends.
            var environmentTags = text.Contains("parameters('tags')", StringComparison.Ordinal)
                ? resource.Template.Resolve(JsonValue.Create("[parameters('tags')]"))
                : resource.Template.Resolve(tags);
            Assert.True(environmentTags is JsonObject { } environment && environment["azd-env-name"] is not null, $"{resource.Type} {resource.Name} has no azd-env-name tag: {text}");
        }
    }
}
