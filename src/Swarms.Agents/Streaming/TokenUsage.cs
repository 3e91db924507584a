namespace Swarms.Agents.Streaming;

/// <summary>Token counts of a model call, or of a whole run when summed.</summary>
public sealed record TokenUsage(long InputTokens, long OutputTokens, long TotalTokens)
{
    /// <summary>No tokens.</summary>
    public static TokenUsage Zero { get; } = new(0, 0, 0);

    /// <summary>Adds two usages, as a workflow does to total its agents.</summary>
    public static TokenUsage operator +(TokenUsage left, TokenUsage right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return new(left.InputTokens + right.InputTokens, left.OutputTokens + right.OutputTokens,
            left.TotalTokens + right.TotalTokens);
    }

    /// <summary>Named alternative to <c>+</c>.</summary>
    public TokenUsage Add(TokenUsage other) => this + other;
}
