namespace Swarms.Agents.Workflows;

/// <summary>One agent invocation that the workflow logic asks an <see cref="IAgentInvoker"/> for.</summary>
/// <param name="Index">The agent's position in the workflow (0-based); results are reported in this order.</param>
/// <param name="Agent">The agent's name.</param>
/// <param name="Input">What the agent is asked: the task, plus what earlier agents produced when the workflow passes it on.</param>
/// <param name="Loop">The workflow loop (1-based) this step belongs to.</param>
internal sealed record AgentStep(int Index, string Agent, string Input, int Loop);
