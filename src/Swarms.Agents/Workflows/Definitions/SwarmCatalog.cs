using Swarms.Agents.Tools;

namespace Swarms.Agents.Workflows.Definitions;

/// <summary>
/// The known swarms: the <c>*.json</c> definitions of the <c>swarms/</c> folders a catalog searches, nearest first.
/// A swarm is known by its file name; when two folders have a swarm of the same name, the nearer one wins, and
/// every other swarm of every folder stays known. Resolves what a user types (<c>market-analysis</c>, or a file path).
/// </summary>
public sealed class SwarmCatalog
{
    /// <summary>The folder name searched for.</summary>
    public const string FolderName = "swarms";

    /// <summary>Creates a catalog over <paramref name="folders"/>, nearest (winning) first; folders that do not exist are skipped.</summary>
    public SwarmCatalog(params IEnumerable<string?> folders)
    {
        ArgumentNullException.ThrowIfNull(folders);
        Folders = [.. folders.OfType<string>().Where(Directory.Exists).Select(Path.GetFullPath).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The <c>swarms/</c> folders searched, nearest first.</summary>
    public IReadOnlyList<string> Folders { get; }

    /// <summary>
    /// A catalog over the <c>swarms/</c> folders of <paramref name="startDirectory"/> and each of its parents (nearest
    /// first), then the one in <paramref name="fallbackDirectory"/> (where the <c>swarms</c> tool keeps its shipped definitions).
    /// </summary>
    public static SwarmCatalog Discover(string startDirectory, string? fallbackDirectory = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(startDirectory);
        var folders = new List<string>();
        for (var dir = new DirectoryInfo(startDirectory); dir is not null; dir = dir.Parent)
        {
            folders.Add(Path.Combine(dir.FullName, FolderName));
        }

        if (fallbackDirectory is not null)
        {
            folders.Add(Path.Combine(fallbackDirectory, FolderName));
        }

        return new SwarmCatalog(folders);
    }

    /// <summary>The definition file of every known swarm, by name (the nearest folder's when names repeat), in name order.</summary>
    public IReadOnlyList<string> Files()
    {
        var byName = new SortedDictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var folder in Folders)
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*.json"))
            {
                byName.TryAdd(Path.GetFileNameWithoutExtension(file), file);
            }
        }

        return [.. byName.Values];
    }

    /// <summary>
    /// Loads a swarm by path (anything ending in <c>.json</c> or naming an existing file) or by name (the file
    /// <c>NAME.json</c> of the nearest folder that has one, or a definition whose <c>name</c> is NAME).
    /// </summary>
    /// <exception cref="SwarmDefinitionException">The definition is invalid (with <paramref name="tools"/>: or names a tool it lacks).</exception>
    /// <exception cref="FileNotFoundException">No such file or swarm; the message lists the known swarms.</exception>
    public SwarmDefinition Load(string nameOrPath, ToolRegistry? tools = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrPath);
        if (File.Exists(nameOrPath))
        {
            return SwarmDefinitionLoader.Load(nameOrPath, tools);
        }

        if (nameOrPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || nameOrPath.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new FileNotFoundException($"No swarm definition file '{nameOrPath}'.", nameOrPath);
        }

        var files = Files();
        var byFile = files.FirstOrDefault(f => string.Equals(Path.GetFileNameWithoutExtension(f), nameOrPath, StringComparison.OrdinalIgnoreCase));
        if (byFile is not null)
        {
            return SwarmDefinitionLoader.Load(byFile, tools);
        }

        foreach (var file in files)
        {
            var definition = TryLoad(file);
            if (definition is not null && string.Equals(definition.Name, nameOrPath, StringComparison.OrdinalIgnoreCase))
            {
                if (tools is not null)
                {
                    definition.CheckTools(tools);
                }

                return definition;
            }
        }

        var known = files.Select(Path.GetFileNameWithoutExtension).ToList();
        var where = Folders.Count == 0
            ? "no swarms/ folder was found"
            : $"known swarms: {(known.Count == 0 ? "none" : string.Join(", ", known))}";
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
