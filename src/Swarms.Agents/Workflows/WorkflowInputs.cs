using System.Text;

namespace Swarms.Agents.Workflows;

/// <summary>
/// Builds what each agent receives. The task always comes first, on its own line, so a model (and the local
/// stand-in, which takes the subject from the first line) sees what the run is about before what others wrote.
/// </summary>
internal static class WorkflowInputs
{
    /// <summary>The task, followed by the previous agent's output when there is one.</summary>
    public static string WithPrevious(string task, KeyValuePair<string, string>? previous)
    {
        ArgumentNullException.ThrowIfNull(task);
        return previous is { } p ? $"{task}\n\nOutput of the previous agent, {p.Key}:\n{p.Value}" : task;
    }

    /// <summary>The task, followed by every earlier agent's output in order.</summary>
    public static string WithTranscript(string task, IReadOnlyList<KeyValuePair<string, string>> transcript)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(transcript);
        if (transcript.Count == 0)
        {
            return task;
        }

        var sb = new StringBuilder(task).Append("\n\nConversation so far:");
        foreach (var entry in transcript)
        {
            sb.Append("\n\n[").Append(entry.Key).Append("]\n").Append(entry.Value);
        }

        return sb.ToString();
    }

    /// <summary>The task, followed by the previous loop's combined outputs of a concurrent workflow.</summary>
    public static string WithPreviousRound(string task, string? previousRound)
    {
        ArgumentNullException.ThrowIfNull(task);
        return string.IsNullOrEmpty(previousRound) ? task : $"{task}\n\nAnswers of the previous round:\n\n{previousRound}";
    }

    /// <summary>The completed agents' outputs, in agent order, each under a <c>## name</c> heading.</summary>
    public static string Combine(IReadOnlyList<AgentStepResult?> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var sb = new StringBuilder();
        foreach (var r in results)
        {
            if (r is { Status: AgentStepStatus.Completed })
            {
                if (sb.Length > 0)
                {
                    sb.Append("\n\n");
                }

                sb.Append("## ").Append(r.Agent).Append("\n\n").Append(r.Output);
            }
        }

        return sb.ToString();
    }
}
