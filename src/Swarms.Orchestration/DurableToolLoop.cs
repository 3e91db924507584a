using Microsoft.DurableTask;
using Swarms.Agents;
using Swarms.Agents.Streaming;
using Swarms.Agents.Workflows;
using Swarms.Orchestration.Activities;
using Swarms.Orchestration.Tools;

namespace Swarms.Orchestration;

/// <summary>
/// The tool loop of a durable agent that has tools or MCP servers, driven by the orchestrator: each model turn is one
/// <see cref="ModelTurnActivity"/>, each tool call it asks for one <see cref="ToolCallActivity"/>, run one at a time in
/// the order the model gave them; their results go into the conversation and the next turn is asked for, until a turn
/// has no tool calls. A crash after a tool completed therefore resumes after it: the completed activities' results come
/// from the history, so neither the tool nor the model turns already done run again. (In process, an agent keeps
/// Microsoft.Extensions.AI's in-memory loop.)
/// </summary>
/// <remarks>
/// Orchestrator code: deterministic, no I/O, awaits only Durable Task tasks (see <see cref="SwarmRunOrchestrator"/>).
/// The conversation lives in the orchestration (each model turn's input holds it whole), so the history grows with
/// the square of the number of turns of a step; <see cref="AgentOptions.MaxToolIterations"/> (the definition's
/// <c>maxToolIterations</c>, default 10) bounds the rounds of each agent loop: once used up, the next turn is asked
/// without tools and its answer ends the loop (a <see cref="ToolLimitReached"/> is logged, as in process).
/// </remarks>
internal static class DurableToolLoop
{
    /// <summary>Runs the agent's step (all its own loops) and returns its result.</summary>
    public static async Task<AgentTurnResult> RunAsync(TaskOrchestrationContext context, AgentTurnRequest step, TaskOptions retry)
    {
        var agent = step.Agent;
        int maxRounds = agent.MaxToolIterations ?? AgentOptions.DefaultMaxToolIterations;
        int maxLoops = Math.Max(1, agent.MaxLoops);
        var conversation = new List<DurableMessage>();
        if (!string.IsNullOrWhiteSpace(agent.SystemPrompt))
        {
            conversation.Add(DurableMessage.System(agent.SystemPrompt));
        }

        conversation.Add(DurableMessage.User(step.Input));
        int attempt = 0;
        long afterSeq = 0;
        var usage = TokenUsage.Zero;
        DateTimeOffset? startedAt = null;
        for (int loop = 1; ; loop++)
        {
            if (loop > 1)
            {
                conversation.Add(DurableMessage.User(Agent.ContinuePrompt));
            }

            string kept = "";
            for (int round = 0; ; round++)
            {
                var request = new ModelTurnRequest(step.RunId, step.Index, agent, step.Turn, [.. conversation])
                {
                    AgentLoop = loop, Round = round, OfferTools = round < maxRounds, LastLoop = loop == maxLoops, KeptText = kept,
                    Attempt = attempt, Usage = usage, StartedAt = startedAt, AfterSeq = afterSeq,
                };
                var turn = await context.CallActivityAsync<ModelTurnResult>(ModelTurnActivity.Name, request, retry);
                attempt = turn.Attempt;
                afterSeq = Math.Max(afterSeq, turn.LastSeq);
                startedAt ??= turn.StartedAt;
                if (turn.Status == AgentStepStatus.Failed)
                {
                    return new AgentTurnResult(step.Index, agent.Name, AgentStepStatus.Failed, "", TokenUsage.Zero, turn.Error ?? $"Agent '{agent.Name}' failed.")
                    {
                        Attempt = turn.Attempt, StartedAt = startedAt, Elapsed = turn.Elapsed,
                    };
                }

                usage = turn.FromLog ? turn.Usage : usage + turn.Usage;
                kept = turn.Answer;
                if (turn.Final)
                {
                    return new AgentTurnResult(step.Index, agent.Name, AgentStepStatus.Completed, turn.Answer, usage, null)
                    {
                        FinishReason = turn.FinishReason, Model = turn.Model, Attempt = turn.Attempt, StartedAt = startedAt,
                        Elapsed = turn.Elapsed, FromLog = turn.FromLog,
                    };
                }

                if (turn.ToolCalls.Count == 0)
                {
                    conversation.Add(new DurableMessage("assistant", turn.Text));
                    break; // this agent loop answered; the next loop continues from its answer
                }

                conversation.Add(DurableMessage.Assistant(turn.Text, turn.ToolCalls));
                var results = new List<DurableToolResult>(turn.ToolCalls.Count);
                for (int i = 0; i < turn.ToolCalls.Count; i++)
                {
                    var call = new ToolCallRequest(step.RunId, agent, step.Turn, turn.ToolCalls[i])
                    {
                        AgentLoop = loop, Round = round, Position = i, AfterSeq = afterSeq,
                    };
                    var done = await context.CallActivityAsync<ToolCallResult>(ToolCallActivity.Name, call, retry);
                    afterSeq = Math.Max(afterSeq, done.LastSeq);
                    results.Add(done.Result);
                }

                conversation.Add(DurableMessage.Tool(results));
                if (round + 1 == maxRounds)
                {
                    var limit = new ToolLimitReached(agent.Name, attempt, maxRounds) { RunId = context.InstanceId, Timestamp = new(context.CurrentUtcDateTime, TimeSpan.Zero) };
                    long seq = await context.CallActivityAsync<long>(
                        RunEventActivity.Name, new RunEventRequest(limit, $"tool-limit:{agent.Name}:{step.Turn}:{loop}"), retry);
                    afterSeq = Math.Max(afterSeq, seq);
                }
            }
        }
    }
}
