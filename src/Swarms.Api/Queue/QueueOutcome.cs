namespace Swarms.Api.Queue;

/// <summary>What handling one queue message came to.</summary>
public enum QueueOutcomeKind
{
    /// <summary>A run was started: delete the message.</summary>
    Started,

    /// <summary>The message's run already exists (a second delivery): delete the message.</summary>
    Duplicate,

    /// <summary>The message can never run (malformed, unknown swarm): move it to the poison queue with its reason.</summary>
    Poison,
}

/// <summary>The outcome of one message.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="RunId">The run, when there is one.</param>
/// <param name="Field">For <see cref="QueueOutcomeKind.Poison"/>: the field at fault.</param>
/// <param name="Reason">For <see cref="QueueOutcomeKind.Poison"/>: what is wrong.</param>
public sealed record QueueOutcome(QueueOutcomeKind Kind, string? RunId = null, string? Field = null, string? Reason = null);
