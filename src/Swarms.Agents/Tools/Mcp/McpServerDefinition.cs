namespace Swarms.Agents.Tools.Mcp;

/// <summary>
/// An MCP server whose tools an agent may use: a program started with its standard input and output as the transport
/// (<see cref="Command"/>, the usual way to run local servers such as <c>npx -y @modelcontextprotocol/server-filesystem</c>),
/// or a server reached over HTTP (<see cref="Url"/>, Streamable HTTP with a fallback to SSE). Exactly one of the two.
/// Round-trips through System.Text.Json, like the swarm definitions that hold it.
/// </summary>
/// <param name="Name">Names the server in events, logs and errors.</param>
public sealed record McpServerDefinition(string Name)
{
    /// <summary>The default of <see cref="StartTimeout"/>.</summary>
    public static readonly TimeSpan DefaultStartTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The program to start (stdio transport); found on <c>PATH</c> like a shell would.</summary>
    public string? Command { get; init; }

    /// <summary>Arguments of <see cref="Command"/>, each passed as is (no shell quoting).</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Environment variables added for <see cref="Command"/> (it inherits the rest).</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>The working directory of <see cref="Command"/>; null: the current one.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>The server's endpoint (HTTP transport).</summary>
    public Uri? Url { get; init; }

    /// <summary>HTTP headers sent to <see cref="Url"/> (an API key, for example).</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>How long the server may take to start, answer the MCP handshake and list its tools; null: 30 s.</summary>
    public TimeSpan? StartTimeout { get; init; }

    /// <summary>A server started as a program, speaking MCP on its standard input and output.</summary>
    public static McpServerDefinition Stdio(string name, string command, params string[] arguments) =>
        new(name) { Command = command, Arguments = arguments };

    /// <summary>A server reached over HTTP.</summary>
    public static McpServerDefinition Http(string name, Uri url) => new(name) { Url = url };

    /// <summary>"stdio: command args" or "http: url": how the server is reached, for messages.</summary>
    public string Describe() => Command is not null
        ? $"stdio: {string.Join(' ', new[] { Command }.Concat(Arguments.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"\"{a}\"" : a)))}"
        : $"http: {Url}";

    /// <summary>Checks that the definition is usable; the message names the server.</summary>
    /// <exception cref="ArgumentException">No name, both or neither of command and URL, or a timeout that is not positive.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            throw new ArgumentException("An MCP server needs a name.");
        }

        if (string.IsNullOrWhiteSpace(Command) == (Url is null))
        {
            throw new ArgumentException($"MCP server '{Name}': give either a command (stdio) or a url (HTTP), not both or neither.");
        }

        if (Url is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https")))
        {
            throw new ArgumentException($"MCP server '{Name}': url '{url}' must be an absolute http or https URL.");
        }

        if (StartTimeout is { } timeout && timeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"MCP server '{Name}': the start timeout must be positive.");
        }
    }
}
