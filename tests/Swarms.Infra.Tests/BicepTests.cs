using System.Text.RegularExpressions;

namespace Swarms.Infra.Tests;

/// <summary>The templates compile and lint clean with the pinned Bicep CLI, offline.</summary>
[Collection(CompiledInfra.Name)]
public partial class BicepTests(InfraFixture infra)
{
    [Fact]
    public void Build_MainBicep_HasNoErrorsOrWarnings()
    {
        Assert.True(infra.Build.ExitCode == 0 && infra.Build.Diagnostics.Count == 0, infra.Build.Describe());
    }

    [Fact]
    public void Lint_MainBicepAndItsModules_ReportsNothing()
    {
        Assert.True(infra.Lint.ExitCode == 0 && infra.Lint.Diagnostics.Count == 0, infra.Lint.Describe());
    }

    // Bicep exits 0 on warnings: the two tests above hold only because they read the diagnostics. This shows that
    // this CLI version reports a linter warning in the format they look for.
    [Fact]
    public async Task Lint_UnusedParameter_IsReportedAsAWarningThoughBicepExitsZero()
    {
        var dir = Directory.CreateTempSubdirectory("swarms-bicep-lint-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir, "unused.bicep"), "param unused string\noutput answer int = 42\n");

            var result = await BicepCli.RunAsync(dir, "lint", "--no-restore", "unused.bicep");

            Assert.Equal(0, result.ExitCode);
            Assert.Contains(result.Diagnostics, d => d.Contains("Warning no-unused-params", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    // Linting main.bicep covers the modules it uses, so a module file main does not use would go unchecked.
    [Fact]
    public void Modules_EveryBicepFileUnderInfra_IsMainOrAModuleMainUses()
    {
        var used = ModuleReference().Matches(File.ReadAllText(Path.Combine(Repository.Infra, "main.bicep")))
            .Select(m => m.Groups[1].Value)
            .Append("main.bicep")
            .Order(StringComparer.Ordinal);
        var present = Directory.EnumerateFiles(Repository.Infra, "*.bicep", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Repository.Infra, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

        Assert.Equal(present, used);
    }

    [GeneratedRegex(@"^module\s+\w+\s+'([^']+)'", RegexOptions.Multiline)]
    private static partial Regex ModuleReference();
}
