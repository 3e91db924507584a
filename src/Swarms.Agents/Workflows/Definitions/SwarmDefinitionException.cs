namespace Swarms.Agents.Workflows.Definitions;

/// <summary>
/// A swarm definition is invalid. The message names the file, the field (as a JSON path such as
/// <c>$.agents[1].name</c>) and the problem, so a user can fix it without reading code.
/// </summary>
public sealed class SwarmDefinitionException : Exception
{
    /// <summary>Creates the exception for a problem in a file's field.</summary>
    public SwarmDefinitionException(string source, string jsonPath, string problem, Exception? innerException = null)
        : base($"{source}: {jsonPath}: {problem}", innerException)
    {
        Source = source;
        JsonPath = jsonPath;
        Problem = problem;
    }

    /// <summary>Creates the exception.</summary>
    public SwarmDefinitionException() : this("(unknown)", "$", "invalid swarm definition")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public SwarmDefinitionException(string message) : this("(unknown)", "$", message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public SwarmDefinitionException(string message, Exception innerException) : this("(unknown)", "$", message, innerException)
    {
    }

    /// <summary>The file (or other source) of the definition.</summary>
    public new string Source { get; }

    /// <summary>The offending field, as a JSON path (<c>$</c> for the whole document).</summary>
    public string JsonPath { get; }

    /// <summary>What is wrong with it.</summary>
    public string Problem { get; }
}
