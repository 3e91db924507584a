using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;

namespace Swarms.Agents.Tools.Mcp;

/// <summary>
/// Open connections to MCP servers and the tools they list, through the ModelContextProtocol C# SDK: each
/// <see cref="McpClientTool"/> is an <see cref="AIFunction"/>, so it goes straight into <see cref="AgentOptions.Tools"/>.
/// Disposing the session closes the connections (and stops the programs of stdio servers).
/// </summary>
/// <example>
/// <code>
/// await using var mcp = await McpToolSession.ConnectAsync([McpServerDefinition.Stdio("files", "npx", "-y", "@modelcontextprotocol/server-filesystem", ".")]);
/// var agent = new Agent(new AgentOptions { AgentName = "Librarian", Tools = [.. mcp.Tools] });
/// </code>
/// </example>
public sealed class McpToolSession : IAsyncDisposable
{
    private readonly List<McpClient> _clients;

    private McpToolSession(List<McpClient> clients, IReadOnlyList<AIFunction> tools)
    {
        _clients = clients;
        Tools = tools;
    }

    /// <summary>Every tool of every server, in server order.</summary>
    public IReadOnlyList<AIFunction> Tools { get; }

    /// <summary>
    /// Starts or connects to each server, completes the MCP handshake and lists its tools, within each server's
    /// <see cref="McpServerDefinition.StartTimeout"/>. On any failure the servers already connected are closed.
    /// </summary>
    /// <exception cref="McpServerException">A server failed to start or to list its tools; the message names it.</exception>
    /// <exception cref="ArgumentException">A definition is invalid, or two tools have the same name.</exception>
    public static async Task<McpToolSession> ConnectAsync(
        IEnumerable<McpServerDefinition> servers, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(servers);
        var list = servers.ToList();
        foreach (var server in list)
        {
            server.Validate();
        }

        var clients = new List<McpClient>(list.Count);
        var tools = new List<AIFunction>();
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            foreach (var server in list)
            {
                var (client, listed) = await ConnectOneAsync(server, loggerFactory, cancellationToken).ConfigureAwait(false);
                clients.Add(client);
                foreach (var tool in listed)
                {
                    if (!owners.TryAdd(tool.Name, server.Name))
                    {
                        throw new ArgumentException(
                            $"MCP server '{server.Name}' lists a tool '{tool.Name}', and so does MCP server '{owners[tool.Name]}': tool names must be unique.");
                    }

                    tools.Add(tool);
                }
            }
        }
        catch
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }

        return new McpToolSession(clients, tools);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync().ConfigureAwait(false);
        }

        _clients.Clear();
    }

    private static async Task<(McpClient Client, IList<McpClientTool> Tools)> ConnectOneAsync(
        McpServerDefinition server, ILoggerFactory? loggerFactory, CancellationToken cancellationToken)
    {
        var timeout = server.StartTimeout ?? McpServerDefinition.DefaultStartTimeout;
        // The last lines a stdio server wrote to standard error: why it died, usually.
        var stderr = new ConcurrentQueue<string>();
        IClientTransport transport = server.Command is { } command
            ? new StdioClientTransport(new StdioClientTransportOptions
            {
                Name = server.Name,
                Command = command,
                Arguments = [.. server.Arguments],
                WorkingDirectory = server.WorkingDirectory,
                EnvironmentVariables = server.Environment?.ToDictionary(e => e.Key, e => (string?)e.Value),
                StandardErrorLines = line =>
                {
                    stderr.Enqueue(line);
                    while (stderr.Count > 5 && stderr.TryDequeue(out _))
                    {
                    }
                },
            }, loggerFactory)
            : new HttpClientTransport(new HttpClientTransportOptions
            {
                Name = server.Name,
                Endpoint = server.Url!,
                AdditionalHeaders = server.Headers?.ToDictionary(h => h.Key, h => h.Value),
                ConnectionTimeout = timeout,
            }, loggerFactory);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        McpClient? client = null;
        string stage = "did not start";
        try
        {
            client = await McpClient.CreateAsync(transport, new McpClientOptions { InitializationTimeout = timeout }, loggerFactory, deadline.Token).ConfigureAwait(false);
            stage = "failed to list its tools";
            var tools = await client.ListToolsAsync(cancellationToken: deadline.Token).ConfigureAwait(false);
            return (client, tools);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            if (client is not null)
            {
                await client.DisposeAsync().ConfigureAwait(false);
            }

            var cause = ex is OperationCanceledException or TimeoutException
                ? $"no answer within {timeout.TotalSeconds:0.#} s"
                : Describe(ex);
            var lines = stderr.ToArray();
            if (lines.Length > 0)
            {
                // The SDK quotes the same lines ("Server's stderr tail: ...") when the process exited: say them once.
                cause = cause.Split(" Server's stderr tail:", 2)[0].TrimEnd();
            }

            var said = lines.Length == 0 ? "" : $" (its standard error: {string.Join(" | ", lines)})";
            throw new McpServerException(server.Name, $"MCP server '{server.Name}' ({server.Describe()}) {stage}: {cause}{said}", ex);
        }
    }

    private static string Describe(Exception ex)
    {
        // The SDK wraps the cause (process start failure, closed pipe) in its own exceptions: name the innermost.
        var inner = ex;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        var message = string.Join(' ', inner.Message.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var outer = string.Join(' ', ex.Message.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return ReferenceEquals(inner, ex) || outer.Contains(message, StringComparison.Ordinal) ? outer : $"{outer} ({message})";
    }
}
