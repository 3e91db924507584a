namespace Swarms.Agents.Workflows;

/// <summary>What each agent of a sequential workflow receives.</summary>
public enum SequentialInputMode
{
    /// <summary>The task and the previous agent's output (the default; keeps prompts short).</summary>
    PreviousOutput,

    /// <summary>The task and every earlier agent's output, in order (the whole transcript, as swarms can do).</summary>
    Transcript,
}
