using System.Collections.Concurrent;
using Microsoft.Extensions.AI;

namespace Swarms.Agents.Tools;

/// <summary>
/// Tools known by name, for swarm definitions (<c>"tools": ["calculator"]</c>), the CLI (<c>--tool calculator</c>) and
/// code. <see cref="CreateDefault"/> has the two <see cref="BuiltInTools"/>; add your own with <see cref="Add(AIFunction, bool?)"/>
/// (or <c>services.AddSwarmsAgents(...).AddTools(r =&gt; r.Add(...))</c>). A registered tool can also be run by name with
/// JSON arguments, outside any agent (<see cref="InvokeAsync"/>): the seam a durable orchestrator uses to run each tool
/// call as its own activity.
/// </summary>
public sealed class ToolRegistry
{
    private readonly ConcurrentDictionary<string, AIFunction> _tools = new(StringComparer.Ordinal);

    /// <summary>A registry with the built-in tools (<c>current_utc_time</c>, <c>calculator</c>).</summary>
    public static ToolRegistry CreateDefault(TimeProvider? time = null) =>
        new ToolRegistry().Add(BuiltInTools.CurrentUtcTime(time)).Add(BuiltInTools.Calculator());

    /// <summary>The registered tool names, in name order.</summary>
    public IReadOnlyList<string> Names => [.. _tools.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The registered tools, in name order.</summary>
    public IReadOnlyList<AIFunction> Tools => [.. Names.Select(n => _tools[n])];

    /// <summary>
    /// Registers <paramref name="function"/> under its <see cref="AITool.Name"/>. <paramref name="safeToRepeat"/>: true
    /// marks it safe to repeat; null keeps what the function declares (see <see cref="SafeToRepeatAttribute"/>).
    /// </summary>
    /// <exception cref="ArgumentException">Another tool has that name, or the name is not a valid tool name.</exception>
    public ToolRegistry Add(AIFunction function, bool? safeToRepeat = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        ValidateName(function.Name);
        var tool = safeToRepeat == true ? function.AsSafeToRepeat() : function;
        if (!_tools.TryAdd(function.Name, tool))
        {
            throw new ArgumentException($"A tool named '{function.Name}' is already registered.", nameof(function));
        }

        return this;
    }

    /// <summary>
    /// Registers a .NET method or lambda as the tool <paramref name="name"/> (through <c>AIFunctionFactory.Create</c>:
    /// parameters become the JSON schema the model sees; use <c>[Description]</c> on them).
    /// </summary>
    public ToolRegistry Add(string name, Delegate method, string? description = null, bool safeToRepeat = false)
    {
        ArgumentNullException.ThrowIfNull(method);
        return Add(AIFunctionFactory.Create(method, name, description), safeToRepeat);
    }

    /// <summary>True when a tool has that name.</summary>
    public bool Contains(string name) => _tools.ContainsKey(name);

    /// <summary>The tool named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such tool; the message lists the known ones.</exception>
    public AIFunction Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _tools.TryGetValue(name, out var tool) ? tool : throw new KeyNotFoundException($"{UnknownToolProblem(name)}.");
    }

    /// <summary>The tools named, in the order given.</summary>
    /// <exception cref="KeyNotFoundException">A name is not registered; the message lists the known ones.</exception>
    public IReadOnlyList<AIFunction> Resolve(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        return [.. names.Select(Get)];
    }

    /// <summary>
    /// Runs the tool <paramref name="name"/> with <paramref name="argumentsJson"/> (a JSON object; empty: none), as an
    /// agent would: a tool that throws, or arguments that are not valid JSON, give an error result, not an exception.
    /// </summary>
    /// <param name="name">The registered tool.</param>
    /// <param name="argumentsJson">The arguments the model sent.</param>
    /// <param name="includeErrorDetails">Give the model the exception's message (see <see cref="AgentOptions.IncludeToolErrorDetails"/>).</param>
    /// <param name="cancellationToken">Cancels the tool.</param>
    /// <exception cref="KeyNotFoundException">No such tool.</exception>
    public ValueTask<ToolInvocationResult> InvokeAsync(string name, string? argumentsJson, bool includeErrorDetails = false, CancellationToken cancellationToken = default) =>
        ToolInvoker.InvokeAsync(Get(name), argumentsJson, includeErrorDetails, null, cancellationToken);

    /// <summary>"unknown tool 'x' (known: a, b)": the problem a definition or an option reports.</summary>
    internal string UnknownToolProblem(string name) =>
        $"unknown tool '{name}' (known: {(_tools.IsEmpty ? "none" : string.Join(", ", Names))})";

    /// <summary>Tool names as the OpenAI API accepts them (and every other provider we know of): 1-64 of [A-Za-z0-9_-].</summary>
    internal static bool IsValidName(string name) =>
        name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    private static void ValidateName(string name)
    {
        if (!IsValidName(name))
        {
            throw new ArgumentException($"'{name}' is not a valid tool name: use 1 to 64 letters, digits, '_' or '-'.", nameof(name));
        }
    }
}
