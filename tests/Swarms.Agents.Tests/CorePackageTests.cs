namespace Swarms.Agents.Tests;

/// <summary>The core stays free of the console: rendering lives in Swarms.Console (DESIGN.md §3).</summary>
public sealed class CorePackageTests
{
    [Fact]
    public void SwarmsAgents_ReferencesNoConsoleLibrary_AndNothingPullsSpectreConsoleIntoItsBuild()
    {
        var references = typeof(Agent).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.DoesNotContain(references, n => n.StartsWith("Spectre", StringComparison.Ordinal));
        Assert.DoesNotContain(references, n => n == "Microsoft.Extensions.Logging.Console");
        // These tests reference only Swarms.Agents: had any of its packages pulled Spectre.Console in, it would be here.
        Assert.False(File.Exists(Path.Combine(AppContext.BaseDirectory, "Spectre.Console.dll")));
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "Swarms.Agents.dll")));
    }
}
