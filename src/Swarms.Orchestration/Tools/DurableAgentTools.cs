using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Swarms.Agents;
using Swarms.Agents.Tools.Mcp;
using Swarms.Agents.Workflows.Definitions;

namespace Swarms.Orchestration.Tools;

/// <summary>
/// An agent of a durable run built for one activity, with every tool it may call: its registered tools and the tools
/// of its MCP servers (connected for the activity, closed with it). The agent runs no loop of its own: the orchestrator
/// drives the tool loop, one activity per model turn and per tool call.
/// </summary>
internal sealed class DurableAgentTools : IAsyncDisposable
{
    private readonly McpToolSession? _mcp;

    private DurableAgentTools(Agent agent, McpToolSession? mcp)
    {
        Agent = agent;
        _mcp = mcp;
    }

    public Agent Agent { get; }

    /// <summary>Builds the agent <paramref name="definition"/> describes and connects its MCP servers.</summary>
    /// <exception cref="KeyNotFoundException">A tool name is not registered.</exception>
    /// <exception cref="ArgumentException">Invalid settings, or two tools with the same name.</exception>
    /// <exception cref="McpServerException">An MCP server failed to start or list its tools.</exception>
    public static async Task<DurableAgentTools> CreateAsync(
        AgentFactory factory, AgentDefinition definition, ILoggerFactory? loggerFactory, CancellationToken cancellationToken)
    {
        var options = definition.ToOptions(factory.Tools);
        McpToolSession? mcp = null;
        if (options.McpServers.Count > 0)
        {
            mcp = await McpToolSession.ConnectAsync(options.McpServers, loggerFactory, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var tools = new List<AITool>(options.Tools);
            var names = new HashSet<string>(tools.Select(t => t.Name), StringComparer.Ordinal);
            foreach (var tool in mcp?.Tools ?? [])
            {
                if (!names.Add(tool.Name))
                {
                    throw new ArgumentException($"Agent '{definition.Name}' has two tools named '{tool.Name}' (from its tools and its MCP servers): tool names must be unique.");
                }

                tools.Add(tool);
            }

            options.Tools = tools;
            options.McpServers = [];
            return new DurableAgentTools(factory.Create(options), mcp);
        }
        catch
        {
            if (mcp is not null)
            {
                await mcp.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <summary>The agent's tool named <paramref name="name"/>, or null.</summary>
    public AITool? Find(string name) => Agent.Options.Tools.FirstOrDefault(t => t.Name == name);

    public async ValueTask DisposeAsync()
    {
        if (_mcp is not null)
        {
            await _mcp.DisposeAsync().ConfigureAwait(false);
        }
    }
}
