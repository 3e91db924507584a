using System.Text.Json;
using Microsoft.Extensions.AI;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Swarms.Agents.Workflows.Definitions;

namespace Swarms.Agents.Tools;

/// <summary>
/// Runs one tool call and turns whatever happens into a <see cref="ToolInvocationResult"/>: the one place that invokes a
/// tool, used by the agent's function-invocation loop and by <see cref="ToolRegistry.InvokeAsync"/> (the seam a durable
/// activity calls). A tool that throws, arguments that are not valid JSON and MCP errors all become an error result the
/// model is given, never an exception; only cancellation is thrown.
/// </summary>
internal static class ToolInvoker
{
    /// <summary>What M.E.AI's loop puts in the history when a function returns nothing; the same text here.</summary>
    public const string NoResult = "Success: Function completed.";

    private static readonly JsonSerializerOptions CompactJson = new(AIJsonUtilities.DefaultOptions) { WriteIndented = false };

    /// <summary>Invokes <paramref name="function"/> with arguments given as JSON text (an object; empty or <c>null</c>: none).</summary>
    public static ValueTask<ToolInvocationResult> InvokeAsync(
        AIFunction function, string? argumentsJson, bool errorDetails, IServiceProvider? services, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        Dictionary<string, object?>? arguments;
        try
        {
            arguments = string.IsNullOrWhiteSpace(argumentsJson)
                ? []
                : JsonSerializer.Deserialize<Dictionary<string, object?>>(argumentsJson, AIJsonUtilities.DefaultOptions) ?? [];
        }
        catch (JsonException ex)
        {
            return ValueTask.FromResult(InvalidArguments(function.Name, argumentsJson, ex));
        }

        return InvokeAsync(function, new AIFunctionArguments(arguments) { Services = services }, errorDetails, cancellationToken, timeout);
    }

    /// <summary>
    /// Invokes <paramref name="function"/> with parsed arguments. After <paramref name="timeout"/> the call is cancelled
    /// and abandoned (a method that ignores its token finishes on its own) and the result says it did not finish.
    /// </summary>
    public static async ValueTask<ToolInvocationResult> InvokeAsync(
        AIFunction function, AIFunctionArguments arguments, bool errorDetails, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        using var deadline = timeout is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline?.CancelAfter(timeout!.Value);
        var token = deadline?.Token ?? cancellationToken;
        try
        {
            if (function.GetService<McpClientTool>() is { } mcp)
            {
                var call = mcp.CallAsync(arguments, cancellationToken: token).AsTask();
                var result = await (timeout is { } t ? call.WaitAsync(t, cancellationToken) : call).ConfigureAwait(false);
                var text = McpText(result);
                // "Error: " first, like every other error result, so the model (and the local model) reads it as one.
                return result.IsError == true
                    ? new ToolInvocationResult($"Error: the tool '{function.Name}' reported an error: {text}", true, $"the MCP server reported an error: {text}")
                    : new ToolInvocationResult(text);
            }

            var invoke = function.InvokeAsync(arguments, token).AsTask();
            return new ToolInvocationResult(ToText(await (timeout is { } limit ? invoke.WaitAsync(limit, cancellationToken) : invoke).ConfigureAwait(false)));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && timeout is { } t && (ex is TimeoutException || deadline!.IsCancellationRequested))
        {
            var seconds = t.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
            return new ToolInvocationResult($"Error: the tool '{function.Name}' did not finish within {seconds} s.", true, $"timed out after {seconds} s");
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var detail = $"{ex.GetType().Name}: {Flatten(ex.Message)}";
            var forModel = errorDetails ? $"Error: the tool '{function.Name}' failed: {detail}" : $"Error: the tool '{function.Name}' failed.";
            return new ToolInvocationResult(forModel, true, detail);
        }
    }

    /// <summary>
    /// The result for a call whose arguments the model sent as something other than a JSON object: the tool is not
    /// run, and the model is told why, so that it can call again.
    /// </summary>
    public static ToolInvocationResult InvalidArguments(string name, string? raw, Exception parseFailure)
    {
        var problem = DescribeArgumentsError(parseFailure);
        var shown = raw is null ? "" : $" (received: {Clip(raw, 200)})";
        return new ToolInvocationResult(
            $"Error: the arguments for '{name}' are not valid JSON: {problem}{shown}. The tool was not run; call it again with a JSON object as arguments.",
            true, $"arguments are not valid JSON: {problem}");
    }

    /// <summary>One line on why the arguments did not parse, without System.Text.Json's internals.</summary>
    public static string DescribeArgumentsError(Exception parseFailure)
    {
        var json = parseFailure as JsonException ?? parseFailure.InnerException as JsonException;
        if (json is null)
        {
            return Flatten(parseFailure.InnerException?.Message ?? parseFailure.Message);
        }

        var where = json.BytePositionInLine is { } at ? $" (at character {at + 1})" : "";
        return SwarmDefinitionLoader.DescribeJsonError(json.Message) + where;
    }

    /// <summary>A tool's return value as the text the model and the events see: strings as they are, the rest as compact JSON.</summary>
    public static string ToText(object? result) => result switch
    {
        null => NoResult,
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString() ?? "",
        JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => NoResult,
        JsonElement e => JsonSerializer.Serialize(e, CompactJson),
        _ => JsonSerializer.Serialize(result, CompactJson),
    };

    private static string McpText(CallToolResult result)
    {
        var parts = result.Content.Select(c => c is TextContentBlock t ? t.Text : JsonSerializer.Serialize(c, McpJsonUtilities.DefaultOptions)).ToList();
        if (parts.Count == 0 && result.StructuredContent is { } structured)
        {
            parts.Add(JsonSerializer.Serialize(structured, McpJsonUtilities.DefaultOptions));
        }

        return parts.Count == 0 ? NoResult : string.Join("\n", parts);
    }

    private static string Flatten(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max] + "…";
}
