using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Swarms.Infra.Tests;

/// <summary>Outputs give the user URLs and names, and no secret anywhere.</summary>
[Collection(CompiledInfra.Name)]
public partial class OutputTests(InfraFixture infra)
{
    [Fact]
    public void Outputs_OfEveryTemplate_HoldNoSecret()
    {
        foreach (var template in infra.Templates)
        {
            foreach (var (name, output) in template.Outputs)
            {
                var type = (string?)output!["type"] ?? "";
                var value = output["value"] is JsonValue literal ? literal.ToString() : output["value"]?.ToJsonString() ?? "";

                Assert.False(type.StartsWith("secure", StringComparison.OrdinalIgnoreCase), $"{template.Name}.{name} is {type}");
                Assert.False(SecretLike().IsMatch(value), $"{template.Name}.{name} may carry a secret: {value}");
            }
        }
    }

    // list*() is how a template reads keys (listKeys, listConnectionStrings, listAccountSas ...): none is called, so
    // no key can reach an app setting or an output.
    [Fact]
    public void Template_CallsNoListFunction()
    {
        Assert.DoesNotMatch(ListFunction(), infra.CompiledJson);
    }

    [Fact]
    public void Outputs_NameTheAppUrl_TheDashboardAtItsRoot_AndTheResourceGroup()
    {
        var outputs = infra.Main.Outputs;
        var appUrl = (string)outputs["SERVICE_API_URI"]!["value"]!;

        Assert.Equal(("functionapp", "uri"), ArmTemplate.ModuleOutput(appUrl));
        Assert.Equal("[format('https://{0}', reference(resourceId('Microsoft.Web/sites', parameters('name'))).defaultHostName)]",
            ArmTemplate.WithoutApiVersions((string?)infra.Module("functionapp").Outputs["uri"]!["value"] ?? ""));
        Assert.Equal($"[format('{{0}}/', {appUrl[1..^1]})]", (string?)outputs["DASHBOARD_URL"]!["value"]);
        Assert.Equal((string?)infra.Single("Microsoft.Resources/resourceGroups").Json["name"], (string?)outputs["AZURE_RESOURCE_GROUP"]!["value"]);
        foreach (var name in new[] { "SERVICE_API_NAME", "AZURE_STORAGE_ACCOUNT_NAME", "AZURE_SIGNALR_NAME", "AZURE_OPENAI_NAME", "AZURE_OPENAI_ENDPOINT", "AZURE_OPENAI_DEPLOYMENT" })
        {
            Assert.True(outputs.ContainsKey(name), $"main.bicep has no output {name}");
        }
    }

    [GeneratedRegex(@"(?i)\blist\w*\(|secret|password|AccessKey|AccountKey|ConnectionString|primaryKey|secondaryKey")]
    private static partial Regex SecretLike();

    [GeneratedRegex(@"(?i)\blist\w*\(")]
    private static partial Regex ListFunction();
}
