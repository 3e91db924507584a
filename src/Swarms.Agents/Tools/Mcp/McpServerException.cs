namespace Swarms.Agents.Tools.Mcp;

/// <summary>
/// An MCP server could not be used: it did not start, did not answer the handshake in time, or failed to list its
/// tools. The message names the server, how it is reached, what failed and (for a program) the last lines it wrote to
/// standard error.
/// </summary>
public sealed class McpServerException : Exception
{
    /// <summary>Creates the exception.</summary>
    public McpServerException(string serverName, string message, Exception? innerException = null) : base(message, innerException) =>
        ServerName = serverName;

    /// <summary>Creates the exception.</summary>
    public McpServerException() : this("", "An MCP server failed.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public McpServerException(string message) : this("", message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public McpServerException(string message, Exception innerException) : this("", message, innerException)
    {
    }

    /// <summary>The server's name.</summary>
    public string ServerName { get; }
}
