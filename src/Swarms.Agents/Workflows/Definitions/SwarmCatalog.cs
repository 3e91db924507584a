namespace Swarms.Agents.Workflows.Definitions;

/// <summary>
/// The known swarms: the <c>*.json</c> definitions of a <c>swarms/</c> folder, found from the current directory
/// upward, or beside the executable. Resolves what a user types (<c>market-analysis</c>, or a file path).
/// </summary>
public sealed class SwarmCatalog
{
    /// <summary>The folder name searched for.</summary>
    public const string FolderName = "swarms";

    /// <summary>Creates a catalog over <paramref name="folder"/> (null: no folder found; only file paths resolve).</summary>
    public SwarmCatalog(string? folder) => Folder = folder;

    /// <summary>The <c>swarms/</c> folder in use, or null.</summary>
    public string? Folder { get; }

    /// <summary>
    /// Finds the <c>swarms/</c> folder: in <paramref name="startDirectory"/> or one of its parents, else in
    /// <paramref name="fallbackDirectory"/> (the executable's directory).
    /// </summary>
    public static SwarmCatalog Discover(string? startDirectory = null, string? fallbackDirectory = null)
    {
        for (var dir = new DirectoryInfo(startDirectory ?? Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, FolderName);
            if (Directory.Exists(candidate) && Directory.EnumerateFiles(candidate, "*.json").Any())
            {
                return new SwarmCatalog(candidate);
            }
        }

        var beside = Path.Combine(fallbackDirectory ?? AppContext.BaseDirectory, FolderName);
        return new SwarmCatalog(Directory.Exists(beside) ? beside : null);
    }

    /// <summary>The definition files of the folder, by file name.</summary>
    public IReadOnlyList<string> Files() =>
        Folder is null ? [] : [.. Directory.EnumerateFiles(Folder, "*.json").Order(StringComparer.Ordinal)];

    /// <summary>
    /// Loads a swarm by path (anything ending in <c>.json</c> or naming an existing file) or by name (the file
    /// <c>NAME.json</c> of the folder, or a definition whose <c>name</c> is NAME).
    /// </summary>
    /// <exception cref="SwarmDefinitionException">The definition is invalid.</exception>
    /// <exception cref="FileNotFoundException">No such file or swarm; the message lists the known swarms.</exception>
    public SwarmDefinition Load(string nameOrPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrPath);
        if (File.Exists(nameOrPath))
        {
            return SwarmDefinitionLoader.Load(nameOrPath);
        }

        if (nameOrPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || nameOrPath.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new FileNotFoundException($"No swarm definition file '{nameOrPath}'.", nameOrPath);
        }

        if (Folder is not null)
        {
            var byFile = Path.Combine(Folder, nameOrPath + ".json");
            if (File.Exists(byFile))
            {
                return SwarmDefinitionLoader.Load(byFile);
            }

            foreach (var file in Files())
            {
                var definition = TryLoad(file);
                if (definition is not null && string.Equals(definition.Name, nameOrPath, StringComparison.OrdinalIgnoreCase))
                {
                    return definition;
                }
            }
        }

        var known = Files().Select(Path.GetFileNameWithoutExtension).ToList();
        var where = Folder is null ? "no swarms/ folder was found" : $"known swarms in {Folder}: {(known.Count == 0 ? "none" : string.Join(", ", known))}";
        throw new FileNotFoundException($"Unknown swarm '{nameOrPath}' ({where}).", nameOrPath);
    }

    private static SwarmDefinition? TryLoad(string file)
    {
        try
        {
            return SwarmDefinitionLoader.Load(file);
        }
        catch (SwarmDefinitionException)
        {
            return null;
        }
    }
}
