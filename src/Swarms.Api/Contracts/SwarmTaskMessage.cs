namespace Swarms.Api.Contracts;

/// <summary>
/// A message of the <c>swarm-tasks</c> queue: <c>{"swarm": "market-analysis", "task": "Analyze TSLA", "runId": "optional"}</c>.
/// Without a <c>runId</c> the run id is derived from the queue message id, so a message delivered twice starts one run.
/// </summary>
/// <param name="Swarm">A known swarm's name.</param>
/// <param name="Task">What it works on.</param>
/// <param name="RunId">The run id to use.</param>
public sealed record SwarmTaskMessage(string Swarm, string Task, string? RunId = null)
{
    /// <summary>The queue the app listens on.</summary>
    public const string QueueName = "swarm-tasks";

    /// <summary>Where messages that cannot run go, with their reason (<c>{queue}-poison</c>, as Azure Functions names it).</summary>
    public const string PoisonQueueName = QueueName + "-poison";
}
