using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace Swarms.Agents.Models;

/// <summary>
/// How the offline local model uses tools, deterministically: offered tools and asked something a tool answers, it
/// asks for that tool; given the results, it answers with them. What it recognises:
/// <list type="bullet">
/// <item>arithmetic in the task (<c>17 * 23</c>, <c>(1200 - 300) / 4</c>) and a calculator-like tool (name or
/// description mentions calculat/arithmetic/math): called with the expression;</item>
/// <item>a question about time or date (time, date, today, now, UTC) and a clock-like tool (time, date, clock);</item>
/// <item>any other tool whose name's words (<c>get_stock_price</c>: stock, price) appear in the task: called with a
/// quoted string from the task (or its subject) for string parameters and the task's numbers, in order, for number
/// parameters (<c>add(a, b)</c> and "add 2 and 3": 2 and 3; the last number again when they run out).</item>
/// </list>
/// Not an LLM: it never guesses beyond these rules.
/// </summary>
internal static partial class LocalToolUse
{
    private static readonly JsonSerializerOptions CompactJson = new(AIJsonUtilities.DefaultOptions) { WriteIndented = false };
    private static readonly string[] TimeWords = ["time", "date", "today", "now", "utc", "clock"];
    private static readonly HashSet<string> IgnoredNameWords = new(StringComparer.Ordinal) { "get", "set", "the", "and", "for", "with", "from", "tool", "run", "fetch", "list", "find" };

    /// <summary>The tool calls the model makes for the conversation's task; empty when it answers directly.</summary>
    public static IReadOnlyList<FunctionCallContent> Plan(IReadOnlyList<ChatMessage> conversation, IList<AITool>? tools)
    {
        if (tools is not { Count: > 0 } || conversation.Count == 0 || conversation[^1].Role != ChatRole.User)
        {
            return [];
        }

        var task = conversation[^1].Text;
        if (task == Agent.ContinuePrompt)
        {
            return [];
        }

        var words = Words(task);
        var calls = new List<FunctionCallContent>();
        foreach (var tool in tools.OfType<AIFunctionDeclaration>())
        {
            var about = (tool.Name + " " + tool.Description).ToLowerInvariant();
            Dictionary<string, object?>? arguments = null;
            if (ContainsAny(about, "calculat", "arithmetic", "math"))
            {
                arguments = Expression(task) is { } expression ? Fill(tool, task, expression) : null;
            }
            else if (ContainsAny(tool.Name.ToLowerInvariant(), "time", "date", "clock"))
            {
                arguments = TimeWords.Any(words.Contains) ? Fill(tool, task, null) : null;
            }
            else if (NameWords(tool.Name).Any(n => words.Any(w => w.StartsWith(n, StringComparison.Ordinal))))
            {
                arguments = Fill(tool, task, null);
            }

            if (arguments is not null && calls.Count < 3)
            {
                calls.Add(new FunctionCallContent($"call_local_{calls.Count + 1}_{LocalResponseComposer.StableHash(task + tool.Name):x8}", tool.Name, arguments));
            }
        }

        return calls;
    }

    /// <summary>The answer when the conversation ends with tool results; null otherwise.</summary>
    public static string? Answer(IReadOnlyList<ChatMessage> conversation)
    {
        if (conversation.Count == 0 || conversation[^1].Role != ChatRole.Tool)
        {
            return null;
        }

        var calls = conversation.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToDictionary(c => c.CallId, StringComparer.Ordinal);
        var results = conversation[^1].Contents.OfType<FunctionResultContent>().ToList();
        var task = conversation.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? "";
        var sb = new StringBuilder();
        sb.Append("**Tool results for \"").Append(Clip(FirstLine(task), 90)).Append("\"**\n\n");
        var answers = new List<string>();
        var failed = new List<string>();
        foreach (var result in results)
        {
            var call = calls.GetValueOrDefault(result.CallId);
            var name = call?.Name ?? "tool";
            var text = ResultText(result.Result);
            var args = call?.Arguments is { Count: > 0 } a ? " " + JsonSerializer.Serialize(a, CompactJson) : "";
            bool error = text.StartsWith("Error", StringComparison.Ordinal) || text.StartsWith("not run", StringComparison.Ordinal);
            sb.Append("- ").Append(name).Append(args).Append(error ? " failed: " : " → ").Append(Clip(text, 300)).Append('\n');
            (error ? failed : answers).Add(error ? name : Clip(text, 300));
        }

        sb.Append('\n');
        if (answers.Count > 0)
        {
            sb.Append("Answer: ").Append(string.Join("; ", answers)).Append('.');
        }

        if (failed.Count > 0)
        {
            sb.Append(answers.Count > 0 ? " " : "").Append("I could not get a result from ").Append(string.Join(", ", failed)).Append('.');
        }

        return sb.ToString();
    }

    /// <summary>The longest arithmetic expression in the text: numbers joined by at least one operator.</summary>
    internal static string? Expression(string text)
    {
        string? best = null;
        foreach (Match m in ArithmeticRun().Matches(text))
        {
            var candidate = m.Value.Trim();
            // Balance parentheses the regex may have taken from the prose around it.
            while (candidate.Length > 0 && candidate.Count(c => c == '(') < candidate.Count(c => c == ')') && candidate.EndsWith(')'))
            {
                candidate = candidate[..^1].TrimEnd();
            }

            while (candidate.Length > 0 && candidate.Count(c => c == '(') > candidate.Count(c => c == ')') && candidate.StartsWith('('))
            {
                candidate = candidate[1..].TrimStart();
            }

            if (Operator().IsMatch(candidate) && (best is null || candidate.Length > best.Length))
            {
                best = candidate;
            }
        }

        return best;
    }

    private static Dictionary<string, object?> Fill(AIFunctionDeclaration tool, string task, string? expression)
    {
        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
        var schema = tool.JsonSchema;
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            return arguments;
        }

        var required = schema.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.Array
            ? r.EnumerateArray().Select(e => e.GetString()).OfType<string>().ToHashSet(StringComparer.Ordinal)
            : [];
        bool expressionUsed = false;
        var numbers = Numbers(task);
        int nextNumber = 0;
        double NextNumber() => numbers.Count == 0 ? 0 : numbers[Math.Min(nextNumber++, numbers.Count - 1)];
        foreach (var property in properties.EnumerateObject())
        {
            var type = property.Value.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : "string";
            if (!required.Contains(property.Name) && !(expression is not null && !expressionUsed && type == "string"))
            {
                continue;
            }

            switch (type)
            {
                case "string":
                    arguments[property.Name] = expression is not null && !expressionUsed ? expression : StringArgument(task);
                    expressionUsed |= expression is not null;
                    break;
                case "integer":
                    arguments[property.Name] = (long)Math.Round(NextNumber());
                    break;
                case "number":
                    arguments[property.Name] = NextNumber();
                    break;
                case "boolean":
                    arguments[property.Name] = false;
                    break;
            }
        }

        return arguments;
    }

    /// <summary>A quoted string in the task, else the task's first line without a leading instruction word.</summary>
    private static string StringArgument(string task)
    {
        var quoted = Quoted().Match(task);
        return quoted.Success ? quoted.Groups["q"].Value : Clip(FirstLine(task).TrimEnd('.', '?', '!'), 200);
    }

    private static List<double> Numbers(string text) =>
        [.. Number().Matches(text).Select(m => double.Parse(m.Value, NumberStyles.Float, CultureInfo.InvariantCulture))];

    private static string ResultText(object? result) => result switch
    {
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString() ?? "",
        null => "",
        _ => JsonSerializer.Serialize(result, AIJsonUtilities.DefaultOptions),
    };

    private static bool ContainsAny(string text, params string[] parts) => parts.Any(p => text.Contains(p, StringComparison.Ordinal));

    private static HashSet<string> Words(string text) =>
        [.. WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value)];

    /// <summary>The words of a tool name (<c>get_stockPrice</c>: stock, price), without the ones every tool name has.</summary>
    private static IEnumerable<string> NameWords(string name) =>
        CamelBoundary().Replace(name, "$1 $2").ToLowerInvariant()
            .Split(['_', '-', ' ', '.'], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.Length >= 3 && !IgnoredNameWords.Contains(w))
            // Match "count" in "counts", "word" in "words": a word of the task that starts with the name's word.
            .Select(w => w.Length > 5 ? w[..5] : w);

    private static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)].TrimEnd() + "…";

    [GeneratedRegex(@"[\d(][\d\s.,_+\-*/×÷%^()]*[\d)]", RegexOptions.CultureInvariant)]
    private static partial Regex ArithmeticRun();

    [GeneratedRegex(@"\d\s*[)]*\s*[+\-*/×÷%^]\s*[(]*\s*-?\d", RegexOptions.CultureInvariant)]
    private static partial Regex Operator();

    [GeneratedRegex(@"-?\d+(\.\d+)?", RegexOptions.CultureInvariant)]
    private static partial Regex Number();

    [GeneratedRegex("[\"“](?<q>[^\"”]+)[\"”]", RegexOptions.CultureInvariant)]
    private static partial Regex Quoted();

    [GeneratedRegex(@"[a-z0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();

    [GeneratedRegex("([a-z0-9])([A-Z])", RegexOptions.CultureInvariant)]
    private static partial Regex CamelBoundary();
}
