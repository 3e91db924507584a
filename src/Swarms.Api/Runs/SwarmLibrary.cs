using Swarms.Agents.Workflows;
using Swarms.Agents.Workflows.Definitions;
using Swarms.Api.Contracts;
using Swarms.Api.Validation;

namespace Swarms.Api.Runs;

/// <summary>
/// The swarms the app runs by name: every valid definition of the <c>swarms/</c> folders a <see cref="SwarmCatalog"/>
/// finds (the working directory's and its parents', then the ones shipped next to the app), read once when the app
/// starts. Names are looked up in this list only, never turned into a path. Definitions that fail to load are kept
/// with their error, so the app can report them instead of failing to start.
/// </summary>
public sealed class SwarmLibrary
{
    private readonly Dictionary<string, SwarmDefinition> _byName = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Reads every definition of <paramref name="catalog"/>'s folders.</summary>
    public SwarmLibrary(SwarmCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var invalid = new List<SwarmDefinitionException>();
        foreach (var file in catalog.Files())
        {
            try
            {
                var definition = SwarmDefinitionLoader.Load(file);
                _byName.TryAdd(Path.GetFileNameWithoutExtension(file), definition);
            }
            catch (SwarmDefinitionException ex)
            {
                invalid.Add(ex);
            }
        }

        Folders = catalog.Folders;
        Invalid = invalid;
    }

    /// <summary>The folders searched, nearest first.</summary>
    public IReadOnlyList<string> Folders { get; }

    /// <summary>Definitions that could not be read, each naming its file, field and problem.</summary>
    public IReadOnlyList<SwarmDefinitionException> Invalid { get; }

    /// <summary>The known swarms, by name.</summary>
    public IReadOnlyList<SwarmInfo> List() =>
        [.. _byName.OrderBy(kv => kv.Key, StringComparer.OrdinalIgnoreCase).Select(kv => new SwarmInfo(
            kv.Key,
            kv.Value.Kind == WorkflowKind.Sequential ? "sequential" : "concurrent",
            kv.Value.Description,
            [.. kv.Value.Agents.Select(a => a.Name)]))];

    /// <summary>The swarm called <paramref name="name"/> (its file name).</summary>
    /// <param name="name">The name.</param>
    /// <param name="field">The field that carried it, for the error.</param>
    /// <exception cref="ApiProblemException">400 not a possible name; 404 no such swarm (listing the known ones).</exception>
    public SwarmDefinition Get(string? name, string field)
    {
        if (!SwarmNames.IsValid(name))
        {
            throw ApiProblemException.BadRequest(field, SwarmNames.Rule);
        }

        if (_byName.TryGetValue(name!, out var definition))
        {
            return definition;
        }

        var known = _byName.Keys.Order(StringComparer.OrdinalIgnoreCase).ToList();
        throw ApiProblemException.NotFound(field, $"no swarm named '{name}' (known: {(known.Count == 0 ? "none" : string.Join(", ", known))})");
    }
}
