using System.Text.Json;
using Swarms.Agents.Tools;

namespace Swarms.Agents.Workflows.Definitions;

/// <summary>
/// Reads swarm definitions from JSON and checks them, failing with a <see cref="SwarmDefinitionException"/> that
/// names the file, the field and the problem.
/// </summary>
/// <remarks>
/// <code language="json">
/// {
///   "name": "market-analysis",
///   "description": "Three analysts look at a stock at once",
///   "kind": "concurrent",                  // or "sequential"
///   "maxLoops": 1,
///   "maxConcurrency": 3,                   // concurrent: null = all agents at once
///   "onError": "continue",                 // concurrent: or "cancel-rest"
///   "inputMode": "previous-output",        // sequential: or "transcript"
///   "agents": [
///     { "name": "Technical-Analyst", "systemPrompt": "...", "model": null, "maxLoops": 1,
///       "description": "...", "options": { "temperature": 0.2, "maxTokens": 800, "retryAttempts": 3, "maxToolIterations": 10 },
///       "tools": ["calculator", "current_utc_time"],                    // registered tools, by name
///       "mcpServers": [{ "name": "files", "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "."] }],
///       "approval": false, "approvalTimeout": "1.00:00:00" }   // durable runs: wait for a person first
///   ],
///   "mcpServers": [{ "name": "search", "url": "https://example.com/mcp" }]  // offered to every agent
/// }
/// </code>
/// Comments and trailing commas are allowed; unknown fields are errors, so a typo never goes unnoticed. Tool names
/// are checked against a <see cref="ToolRegistry"/> when one is given (the CLI gives its own).
/// </remarks>
public static class SwarmDefinitionLoader
{
    private static readonly Dictionary<string, WorkflowKind> Kinds = new(StringComparer.Ordinal)
    {
        ["sequential"] = WorkflowKind.Sequential, ["concurrent"] = WorkflowKind.Concurrent,
    };

    private static readonly Dictionary<string, WorkflowErrorPolicy> ErrorPolicies = new(StringComparer.Ordinal)
    {
        ["continue"] = WorkflowErrorPolicy.Continue, ["cancel-rest"] = WorkflowErrorPolicy.CancelRest,
    };

    private static readonly Dictionary<string, SequentialInputMode> InputModes = new(StringComparer.Ordinal)
    {
        ["previous-output"] = SequentialInputMode.PreviousOutput, ["transcript"] = SequentialInputMode.Transcript,
    };

    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>
    /// Reads and checks the definition in <paramref name="path"/>; with <paramref name="tools"/>, every tool name must be
    /// registered there (without: names are checked when the agents are created).
    /// </summary>
    /// <exception cref="SwarmDefinitionException">The file is missing, unreadable, not JSON, or invalid.</exception>
    public static SwarmDefinition Load(string path, ToolRegistry? tools = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SwarmDefinitionException(path, "$", $"cannot read the file: {ex.Message}", ex);
        }

        return Parse(json, path, tools) with { SourcePath = Path.GetFullPath(path) };
    }

    /// <summary>
    /// Parses and checks a definition; <paramref name="source"/> names it in error messages. With
    /// <paramref name="tools"/>, every tool name must be registered there.
    /// </summary>
    /// <exception cref="SwarmDefinitionException">Not JSON, or invalid.</exception>
    public static SwarmDefinition Parse(string json, string source, ToolRegistry? tools = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(source);
        try
        {
            using var doc = JsonDocument.Parse(json, DocumentOptions);
            var definition = Read(doc.RootElement, new DefinitionReader(source));
            if (tools is not null)
            {
                CheckTools(definition, tools, source);
            }

            return definition;
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" at line {line + 1}, column {(ex.BytePositionInLine ?? 0) + 1}" : "";
            throw new SwarmDefinitionException(source, "$", $"not valid JSON{where}: {DescribeJsonError(ex.Message)}", ex);
        }
    }

    private static SwarmDefinition Read(JsonElement root, DefinitionReader r)
    {
        r.Object(root, "$");
        r.OnlyKnown(root, "$", "$schema", "name", "description", "kind", "maxLoops", "maxConcurrency", "onError", "inputMode", "agents", "mcpServers");
        var name = r.RequiredString(root, "name", "$");
        var kind = r.Choice(root, "kind", "$", Kinds, null, required: true);
        if (!root.TryGetProperty("agents", out var agentsElement) || agentsElement.ValueKind == JsonValueKind.Null)
        {
            throw r.Error("$.agents", "is required: a list of at least one agent");
        }

        if (agentsElement.ValueKind != JsonValueKind.Array || agentsElement.GetArrayLength() == 0)
        {
            throw r.Error("$.agents", "must be a non-empty array of agents");
        }

        var agents = new List<AgentDefinition>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        int i = 0;
        foreach (var element in agentsElement.EnumerateArray())
        {
            var agent = ReadAgent(element, $"$.agents[{i}]", r);
            if (!names.Add(agent.Name))
            {
                throw r.Error($"$.agents[{i}].name", $"'{agent.Name}' is used by an earlier agent; names must be unique");
            }

            agents.Add(agent);
            i++;
        }

        return new SwarmDefinition(name, kind, agents)
        {
            Description = r.OptionalString(root, "description", "$"),
            MaxLoops = r.OptionalInt(root, "maxLoops", "$", 1) ?? WorkflowPlan.DefaultMaxLoops,
            MaxConcurrency = r.OptionalInt(root, "maxConcurrency", "$", 1),
            OnError = r.Choice(root, "onError", "$", ErrorPolicies, WorkflowPlan.DefaultOnError),
            InputMode = r.Choice(root, "inputMode", "$", InputModes, WorkflowPlan.DefaultInputMode),
            McpServers = McpServerReader.Read(root, "$", r),
        };
    }

    /// <summary>
    /// Checks that every agent's tools are registered in <paramref name="tools"/>.
    /// </summary>
    /// <exception cref="SwarmDefinitionException">A tool is unknown: <c>swarms/x.json: $.agents[0].tools[1]: unknown tool 'foo' (known: ...)</c>.</exception>
    internal static void CheckTools(SwarmDefinition definition, ToolRegistry tools, string source)
    {
        for (int i = 0; i < definition.Agents.Count; i++)
        {
            var names = definition.Agents[i].Tools;
            for (int j = 0; j < names.Count; j++)
            {
                if (!tools.Contains(names[j]))
                {
                    throw new SwarmDefinitionException(source, $"$.agents[{i}].tools[{j}]", tools.UnknownToolProblem(names[j]));
                }
            }
        }
    }

    /// <summary>
    /// The parser's sentence without its internals: System.Text.Json appends "Path: $ | LineNumber: 0 |
    /// BytePositionInLine: 2." (0-based, already said better above) and names characters by their code.
    /// </summary>
    internal static string DescribeJsonError(string message)
    {
        var text = message;
        foreach (var marker in new[] { " Path: ", " LineNumber: " })
        {
            int cut = text.IndexOf(marker, StringComparison.Ordinal);
            if (cut >= 0)
            {
                text = text[..cut];
            }
        }

        text = text.Trim();
        if (text.StartsWith("Expected depth to be zero", StringComparison.Ordinal) || text.Contains("reached end of data", StringComparison.Ordinal))
        {
            return "the document ends early: something is missing before the end (a value, a closing } or ])";
        }

        if (text.StartsWith("The input does not contain any JSON tokens", StringComparison.Ordinal))
        {
            return "the file is empty";
        }

        // "'o' is an invalid start of a property name. Expected a '\"'." -> one clause: "...; expected '\"'"
        text = text.TrimEnd('.').Replace(". Expected ", "; expected ", StringComparison.Ordinal);
        return text.Length == 0 ? "unreadable" : char.ToLowerInvariant(text[0]) + text[1..];
    }

    private static AgentDefinition ReadAgent(JsonElement element, string path, DefinitionReader r)
    {
        r.Object(element, path);
        r.OnlyKnown(element, path, "name", "systemPrompt", "description", "model", "maxLoops", "options", "tools", "mcpServers",
            "approval", "approvalTimeout");
        var tools = r.OptionalStringArray(element, "tools", path) ?? [];
        for (int j = 0; j < tools.Count; j++)
        {
            if (tools.Take(j).Contains(tools[j], StringComparer.Ordinal))
            {
                throw r.Error($"{path}.tools[{j}]", $"'{tools[j]}' is listed twice");
            }
        }

        var definition = new AgentDefinition(r.RequiredString(element, "name", path), r.OptionalString(element, "systemPrompt", path))
        {
            Description = r.OptionalString(element, "description", path),
            Model = r.OptionalString(element, "model", path),
            MaxLoops = r.OptionalInt(element, "maxLoops", path, 1) ?? 1,
            Approval = r.OptionalBool(element, "approval", path) ?? false,
            ApprovalTimeout = r.OptionalDuration(element, "approvalTimeout", path),
            Tools = tools,
            McpServers = McpServerReader.Read(element, path, r),
        };
        if (definition.ApprovalTimeout is not null && !definition.Approval)
        {
            throw r.Error($"{path}.approvalTimeout", "applies only to an agent with \"approval\": true");
        }

        if (!element.TryGetProperty("options", out var options) || options.ValueKind == JsonValueKind.Null)
        {
            return definition;
        }

        var optionsPath = path + ".options";
        r.Object(options, optionsPath);
        r.OnlyKnown(options, optionsPath, "temperature", "maxTokens", "retryAttempts", "maxToolIterations");
        return definition with
        {
            Temperature = (float?)r.OptionalNumber(options, "temperature", optionsPath, 0, 2),
            MaxTokens = r.OptionalInt(options, "maxTokens", optionsPath, 1),
            RetryAttempts = r.OptionalInt(options, "retryAttempts", optionsPath, 0),
            MaxToolIterations = r.OptionalInt(options, "maxToolIterations", optionsPath, 1),
        };
    }
}
