using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace Swarms.Agents.Models;

/// <summary>
/// Writes the local model's answers: a deterministic, role-aware text built from the agent's system prompt
/// and the task, so a demo reads like a demo of this product and not like lorem ipsum. Same conversation in,
/// same text out.
/// </summary>
internal static partial class LocalResponseComposer
{
    private sealed record Role(string[] Keywords, string Title, string[] Angles);

    private static readonly Role[] Roles =
    [
        new(["technical", "chart", "price action"], "Technical analysis",
            ["price trend", "support and resistance levels", "momentum indicators (RSI, MACD)", "trading volume", "volatility regime"]),
        new(["fundamental", "financial statement", "valuation", "earnings"], "Fundamental analysis",
            ["revenue growth", "operating margins", "valuation multiples", "balance-sheet strength", "free cash flow"]),
        new(["sentiment", "news", "social"], "Sentiment analysis",
            ["news flow", "social media tone", "analyst revisions", "options positioning", "retail interest"]),
        new(["risk", "compliance", "security"], "Risk assessment",
            ["downside scenarios", "concentration risk", "regulatory exposure", "liquidity", "mitigations"]),
        new(["research", "investigat", "scientist"], "Research brief",
            ["background and definitions", "key findings", "quality of the evidence", "competing views", "open questions"]),
        new(["writer", "editor", "copy", "author", "summar"], "Draft",
            ["opening", "key message", "supporting points", "audience fit", "closing"]),
        new(["code", "engineer", "developer", "software"], "Engineering review",
            ["requirements", "design options", "implementation plan", "testing strategy", "operational concerns"]),
        new(["market", "analyst", "strategy", "business"], "Market analysis",
            ["market size and growth", "competitive landscape", "customer demand", "pricing power", "key risks"]),
    ];

    private static readonly Role General = new([], "Analysis",
        ["context", "main considerations", "trade-offs", "risks", "next steps"]);

    private static readonly string[] Openers =
    [
        "Here is my assessment of {0}.",
        "I looked at {0} from several angles.",
        "Below is a structured view of {0}.",
        "A concise take on {0} follows.",
    ];

    private static readonly string[] Findings =
    [
        "On {0}, the picture for {1} is constructive, though it depends on execution over the next few quarters.",
        "Attention belongs on {0}: for {1} it is the factor most likely to change the overall view.",
        "Looking at {0}, {1} shows a mixed signal; I would weight it moderately rather than treat it as decisive.",
        "Regarding {0}, the evidence on {1} is solid, and it supports the main conclusion below.",
        "For {0}, the trend around {1} is improving, but the margin of safety is thinner than it first appears.",
        "Signals from {0} point to a steady outlook for {1}, with no single signal strong enough to override the others.",
    ];

    private static readonly string[] Closers =
    [
        "Bottom line: {0} merits a measured, evidence-driven approach; revisit this view as new data arrives.",
        "Recommendation: treat {0} as a watch item, act on the strongest two signals above, and set clear review points.",
        "Conclusion: on balance {0} looks favourable, provided the risks listed above are monitored.",
    ];

    /// <summary>Composes the answer to the conversation's last user turn.</summary>
    public static string Compose(IReadOnlyList<ChatMessage> conversation)
    {
        string system = "", task = "";
        int previousAnswers = 0;
        foreach (var message in conversation)
        {
            if (message.Role == ChatRole.System)
            {
                system = message.Text;
            }
            else if (message.Role == ChatRole.User)
            {
                task = message.Text;
            }
            else if (message.Role == ChatRole.Assistant && message.Text.Length > 0)
            {
                previousAnswers++;
            }
        }

        // The first user turn is the task; later turns refine it.
        var firstTask = conversation.FirstOrDefault(m => m.Role == ChatRole.User)?.Text ?? task;
        var role = Pick(system);
        var subject = Subject(firstTask);
        uint seed = StableHash(system + "\n" + task + "\n" + previousAnswers);
        var sb = new StringBuilder();

        if (previousAnswers > 0)
        {
            sb.Append("Refinement ").Append(previousAnswers + 1).Append(": building on my previous answer");
            sb.Append(task.Length > 0 && task != Agent.ContinuePrompt ? $" and your note \"{Clip(task, 80)}\"" : "").Append(", ");
            sb.Append("I tightened the reasoning on ").Append(role.Angles[(int)(seed % (uint)role.Angles.Length)]).Append(".\n\n");
        }

        sb.Append("**").Append(role.Title).Append(": ").Append(subject).Append("**\n\n");
        sb.AppendFormat(System.Globalization.CultureInfo.InvariantCulture, Openers[seed % (uint)Openers.Length], subject).Append('\n');
        for (int i = 0; i < 3; i++)
        {
            var angle = role.Angles[(int)((seed / 7 + (uint)i) % (uint)role.Angles.Length)];
            var finding = Findings[(int)((seed / 13 + (uint)(i * 5)) % (uint)Findings.Length)];
            sb.Append('\n').Append(i + 1).Append(". ")
              .Append(char.ToUpperInvariant(angle[0])).Append(angle.AsSpan(1)).Append(": ")
              .AppendFormat(System.Globalization.CultureInfo.InvariantCulture, finding, angle, subject);
        }

        sb.Append("\n\n").AppendFormat(System.Globalization.CultureInfo.InvariantCulture, Closers[(seed / 17) % (uint)Closers.Length], subject);
        return sb.ToString();
    }

    /// <summary>FNV-1a: stable across processes and runtimes, unlike <see cref="string.GetHashCode()"/>.</summary>
    public static uint StableHash(string text)
    {
        uint hash = 2166136261;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 16777619;
        }

        return hash;
    }

    private static Role Pick(string systemPrompt)
    {
        var prompt = systemPrompt.ToLowerInvariant();
        foreach (var role in Roles)
        {
            if (role.Keywords.Any(k => prompt.Contains(k, StringComparison.Ordinal)))
            {
                return role;
            }
        }

        return General;
    }

    private static string Subject(string task)
    {
        // A workflow may hand the previous agent's output along with the task: keep the first line only.
        var line = task.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "the task";
        line = TrailingPunctuation().Replace(line, "");
        var topic = LeadingInstruction().Replace(line, "");
        line = topic.Length > 0 ? topic : line;
        return "\"" + Clip(line, 90) + "\"";
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)].TrimEnd() + "…";

    [GeneratedRegex(@"^(please\s+)?(analy[sz]e|research|evaluate|assess|review|summari[sz]e|explain|write( about| up)?|describe|investigate|compare|plan)\s+(the\s+)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LeadingInstruction();

    [GeneratedRegex(@"[\s\.\?!:]+$")]
    private static partial Regex TrailingPunctuation();
}
