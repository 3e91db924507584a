using System.Reflection;
using Microsoft.Extensions.AI;
using ModelContextProtocol.Client;

namespace Swarms.Agents.Tools;

/// <summary>Marks and reads the safe-to-repeat flag of a tool (see <see cref="SafeToRepeatAttribute"/> for the rule).</summary>
public static class ToolExtensions
{
    /// <summary>The same tool, declared safe to run more than once for the same call (it only reads, or is idempotent).</summary>
    public static AIFunction AsSafeToRepeat(this AIFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return function.IsSafeToRepeat() ? function : new SafeToRepeatAIFunction(function);
    }

    /// <summary>
    /// True when the tool declared itself safe to repeat: marked with <see cref="AsSafeToRepeat"/>, made from a method
    /// with <see cref="SafeToRepeatAttribute"/>, or an MCP tool whose server says it is read-only or idempotent.
    /// False otherwise (the default).
    /// </summary>
    public static bool IsSafeToRepeat(this AITool tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        if (tool.GetService<SafeToRepeatAIFunction>() is not null)
        {
            return true;
        }

        if (tool.GetService<McpClientTool>() is { } mcp)
        {
            var hints = mcp.ProtocolTool.Annotations;
            return hints?.ReadOnlyHint == true || hints?.IdempotentHint == true;
        }

        return tool is AIFunction { UnderlyingMethod: { } method } && method.GetCustomAttribute<SafeToRepeatAttribute>() is not null;
    }
}
