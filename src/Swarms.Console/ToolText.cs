using Swarms.Agents.Streaming;

namespace Swarms.Console;

/// <summary>
/// Tool calls and results as one short line each, the same in the panel, the dashboard and plain output:
/// <c>⚙ calculator {"expression":"17 * 23"} → 391</c>, <c>⚙ get_quote {"symbol":"TSLA"} ✗ InvalidOperationException: ...</c>.
/// </summary>
internal static class ToolText
{
    private const int MaxArguments = 80;
    private const int MaxResult = 100;

    /// <summary>The call, before its result: name and arguments (or why they are unusable).</summary>
    public static string Call(ToolCall call) =>
        $"⚙ {call.Name} {Clip(OneLine(call.Arguments.Length == 0 ? "(no arguments)" : call.Arguments), MaxArguments)}" +
        (call.ArgumentsError is { } error ? $" ✗ {Clip(OneLine(error), MaxResult)}" : "");

    /// <summary>The call with its result appended: <c>→ result</c>, or <c>✗ error</c>.</summary>
    public static string WithResult(string callLine, ToolResult result) =>
        (callLine.Contains(" ✗ ", StringComparison.Ordinal) ? callLine[..callLine.IndexOf(" ✗ ", StringComparison.Ordinal)] : callLine) + " " + Result(result);

    /// <summary>A result on its own: <c>→ 391</c> or <c>✗ InvalidOperationException: ...</c>.</summary>
    public static string Result(ToolResult result) =>
        result.IsError ? $"✗ {Clip(OneLine(result.Error ?? result.Result), MaxResult)}" : $"→ {Clip(OneLine(result.Result), MaxResult)}";

    /// <summary>The line for a used-up tool budget.</summary>
    public static string Limit(ToolLimitReached limit) =>
        $"⚠ tool limit reached ({limit.MaxToolIterations} round{(limit.MaxToolIterations == 1 ? "" : "s")}): answering without tools";

    private static string OneLine(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
