namespace Swarms.Cli.Tests;

/// <summary>Where this repository and its build outputs are, seen from the test's output folder.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>The configuration the tests were built in (Debug or Release): the CLI's output is in the same one.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    /// <summary>The CLI as <c>dotnet run --project src/Swarms.Cli</c> builds it (its own output folder, its own dependencies).</summary>
    public static string CliDll => Path.Combine(Root, "src", "Swarms.Cli", "bin", Configuration, "net10.0", "swarms.dll");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Swarms.Functions.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Swarms.Functions.sln not found above " + AppContext.BaseDirectory);
    }
}
