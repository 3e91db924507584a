namespace Swarms.Testing;

/// <summary>Paths in the repository, found from the running assembly upward.</summary>
public static class RepoPaths
{
    /// <summary>The folder holding Swarms.Functions.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The build output of another project built in the same configuration, e.g. a child-process host.</summary>
    /// <param name="projectDirectory">The project's folder, relative to the repository root.</param>
    /// <param name="assemblyName">The assembly's file name.</param>
    public static string Output(string projectDirectory, string assemblyName)
    {
        // bin/<Configuration>/<tfm>/ of the running assembly: build the other one's path the same way.
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var path = Path.Combine(Root, projectDirectory, "bin", output.Parent!.Name, output.Name, assemblyName);
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build {projectDirectory} first.", path);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Swarms.Functions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Swarms.Functions.sln not found above " + AppContext.BaseDirectory);
    }
}
