using Swarms.Durable.History;
using Swarms.Durable.Storage;

namespace Swarms.Durable.Orchestration;

/// <summary>What one orchestrator episode decided; the worker turns it into an <see cref="EpisodeCheckpoint"/>.</summary>
internal sealed class EpisodeResult
{
    /// <summary>Events to append to history (consumed messages, new decisions, the final event).</summary>
    public List<HistoryEvent> Appended { get; } = [];

    public OrchestrationRuntimeStatus Status { get; set; }

    public string? Output { get; set; }

    public TaskFailureDetails? Failure { get; set; }

    public string? CustomStatus { get; set; }

    public List<TaskScheduled> Activities { get; } = [];

    public List<OutboundMessage> Messages { get; } = [];

    public List<NewSubOrchestration> SubOrchestrations { get; } = [];

    /// <summary>Set when the orchestrator continued as new: history restarts with this input.</summary>
    public bool ContinuedAsNew { get; set; }

    public string? NewInput { get; set; }

    public bool IsFinished => Status.IsTerminal();
}
