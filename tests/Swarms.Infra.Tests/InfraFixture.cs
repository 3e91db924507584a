using System.Text.Json.Nodes;

namespace Swarms.Infra.Tests;

/// <summary>
/// Compiles infra/main.bicep once (<c>bicep build</c>) and lints it (<c>bicep lint</c>, which covers every module it
/// uses) for all the tests of the collection, then exposes the compiled ARM JSON, every resource in it (modules
/// included), and the app settings contract (infra/app-settings.json).
/// </summary>
public sealed class InfraFixture : IAsyncLifetime
{
    private readonly string _outputDirectory = Directory.CreateTempSubdirectory("swarms-infra-").FullName;

    internal BicepCli.Result Build { get; private set; } = null!;

    internal BicepCli.Result Lint { get; private set; } = null!;

    internal ArmTemplate Main { get; private set; } = null!;

    internal IReadOnlyList<ArmTemplate> Templates { get; private set; } = [];

    internal IReadOnlyList<ArmResource> Resources { get; private set; } = [];

    internal string CompiledJson { get; private set; } = "";

    internal IReadOnlyList<AppSetting> AppSettingsContract { get; } = AppSetting.ReadContract();

    public async Task InitializeAsync()
    {
        var compiled = Path.Combine(_outputDirectory, "main.json");
        var main = Path.Combine("infra", "main.bicep");
        Build = await BicepCli.RunAsync(Repository.Root, "build", "--no-restore", main, "--outfile", compiled);
        Lint = await BicepCli.RunAsync(Repository.Root, "lint", "--no-restore", main);
        if (!File.Exists(compiled))
        {
            throw new InvalidOperationException($"bicep build wrote no template.\n{Build.Describe()}");
        }

        CompiledJson = await File.ReadAllTextAsync(compiled);
        Main = ArmTemplate.Root(JsonNode.Parse(CompiledJson)!.AsObject());
        var templates = new List<ArmTemplate>();
        Collect(Main, templates);
        Templates = templates;
        Resources = templates.SelectMany(t => t.OwnResources().Select(r => new ArmResource(r, t))).ToList();
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_outputDirectory, recursive: true);
        return Task.CompletedTask;
    }

    internal IReadOnlyList<ArmResource> OfType(string type) =>
        Resources.Where(r => string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase)).ToList();

    /// <summary>The one resource of a type; fails naming the types present when there is not exactly one.</summary>
    internal ArmResource Single(string type)
    {
        var found = OfType(type);
        Assert.True(found.Count == 1,
            $"expected one {type}, found {found.Count}; types: {string.Join(", ", Resources.Select(r => r.Type).Distinct())}");
        return found[0];
    }

    /// <summary>The template of the module deployed under this name (<c>storage</c>, <c>functionapp</c> ...).</summary>
    internal ArmTemplate Module(string name)
    {
        var found = Templates.Where(t => t.Name == name).ToList();
        Assert.True(found.Count == 1, $"expected one module named {name}; modules: {string.Join(", ", Templates.Select(t => t.Name))}");
        return found[0];
    }

    /// <summary>
    /// What a value passed to a module parameter is, seen from the root: for <c>[parameters('x')]</c> inside a module,
    /// the module output it was given from another module (module, output, that output's expression), if it was one.
    /// </summary>
    internal (string Module, string Output, string? Value)? SourceModuleOutput(ArmTemplate template, string parameter)
    {
        var argument = (string?)template.Arguments?[parameter]?["value"];
        if (ArmTemplate.ModuleOutput(argument) is not { } reference)
        {
            return null;
        }

        return (reference.Module, reference.Output, (string?)Module(reference.Module).Outputs[reference.Output]?["value"]);
    }

    private static void Collect(ArmTemplate template, List<ArmTemplate> into)
    {
        into.Add(template);
        foreach (var module in template.Modules())
        {
            Collect(module, into);
        }
    }
}
