using System.Reflection;
using Swarms.Host.Configuration;
using Swarms.Testing;

namespace Swarms.Host.Tests;

/// <summary>Every setting the local host reads (<see cref="HostSettings"/>) is in the README's settings table and in local.settings.sample.json.</summary>
public sealed class SettingsDocumentationTests
{
    [Fact]
    public void EveryHostSetting_InReadmeTableAndSample()
    {
        var readme = File.ReadAllLines(Path.Combine(RepoPaths.Root, "README.md"));
        var sample = File.ReadAllText(Path.Combine(RepoPaths.Root, "local.settings.sample.json"));
        var settings = typeof(HostSettings).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && !f.Name.StartsWith("Default", StringComparison.Ordinal))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();

        Assert.Contains("SWARMS_API_KEY", settings);
        Assert.All(settings, s =>
        {
            Assert.True(readme.Any(l => l.StartsWith("| `", StringComparison.Ordinal) && l.Contains($"`{s}`", StringComparison.Ordinal)), $"README.md's settings table lacks {s}");
            Assert.True(sample.Contains($"\"{s}\"", StringComparison.Ordinal), $"local.settings.sample.json lacks {s}");
        });
    }
}
