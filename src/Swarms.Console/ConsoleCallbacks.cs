using Spectre.Console;
using Swarms.Agents;

namespace Swarms.Console;

/// <summary>
/// The console helpers of the swarms "Streaming Responses" guide (the others are in
/// <see cref="Agents.Callbacks.StreamingCallbacks"/>): each is a sink to pass to <c>agent.RunAsync(task, helper)</c>.
/// </summary>
public static class ConsoleCallbacks
{
    /// <summary>
    /// A progress bar of tokens received against <paramref name="expectedTokens"/>, or against the agent's
    /// <see cref="AgentOptions.MaxTokens"/> when that is set.
    /// </summary>
    public static ProgressBarCallback ProgressBar(Agent agent, double expectedTokens = 400, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return new ProgressBarCallback(agent.Options.MaxTokens ?? expectedTokens, description ?? $"{agent.Name} generating");
    }

    /// <summary>A live panel with your title, border and colour.</summary>
    public static LivePanelCallback LivePanel(string title, BoxBorder? border = null, Color? borderColor = null)
    {
        ArgumentNullException.ThrowIfNull(title);
        return new LivePanelCallback
        {
            Title = title,
            Border = border ?? BoxBorder.Rounded,
            BorderColor = borderColor ?? Color.Blue,
        };
    }
}
