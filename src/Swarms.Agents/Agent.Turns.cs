using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Swarms.Agents.Models;
using Swarms.Agents.Streaming;
using Swarms.Agents.Tools;

namespace Swarms.Agents;

public sealed partial class Agent
{
    /// <summary>The conversation a run of <paramref name="task"/> starts from: the system prompt and the task.</summary>
    internal List<ChatMessage> StartConversation(string task)
    {
        var messages = new List<ChatMessage>(4);
        if (!string.IsNullOrWhiteSpace(_options.SystemPrompt))
        {
            messages.Add(new ChatMessage(ChatRole.System, _options.SystemPrompt));
        }

        messages.Add(new ChatMessage(ChatRole.User, task));
        return messages;
    }

    /// <summary>
    /// Streams one model turn (see <see cref="ModelTurn"/>): the model's text, reasoning and tool calls as events,
    /// the tools declared but never run. One attempt, no retry: the caller (a durable activity) retries, and the
    /// <see cref="AgentStarted"/> it sends says which attempt this is.
    /// </summary>
    /// <exception cref="ModelStreamCutException">The stream ended without a finish reason.</exception>
    internal async IAsyncEnumerable<SwarmEvent> RunModelTurnAsync(
        ModelTurn turn, EventStamp stamp, int attempt, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var call = new ModelCall(Name, attempt, stamp);
        var options = CreateChatOptions();
        if (turn.OfferTools && _options.Tools.Count > 0)
        {
            options.Tools = _options.Tools;
        }

        var raw = new RawToolArguments();
        var updates = new List<ChatResponseUpdate>();
        string? model = ConfiguredModel;
        await foreach (var update in _chatClient.GetStreamingResponseAsync(turn.Conversation, options, cancellationToken).ConfigureAwait(false))
        {
            updates.Add(update);
            raw.Observe(update);
            model = update.ModelId ?? model;
            call.FinishReason = update.FinishReason?.Value ?? call.FinishReason;
            foreach (var content in update.Contents)
            {
                var evt = content is FunctionCallContent fcc ? call.ToolCall(fcc, fcc.Exception is null ? null : raw.For(fcc.CallId)) : call.Map(content);
                if (evt is not null)
                {
                    yield return evt;
                }
            }
        }

        if (call.FinishReason is null)
        {
            throw new ModelStreamCutException(call.Text.Length);
        }

        var response = updates.ToChatResponse();
        turn.Conversation.AddRange(response.Messages);
        turn.ToolCalls = [.. response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>()];
        turn.Text = call.Text.ToString();
        turn.FinishReason = call.FinishReason;
        turn.Usage = call.Usage ?? TokenCounter.Estimate(turn.Conversation, turn.Text, cancellationToken);
        turn.Model = model;
    }

    /// <summary>
    /// Runs one of the agent's tools by name with the arguments the model sent (JSON text), outside any loop, as an
    /// orchestrator running each tool call as its own activity does. Errors are results, never exceptions.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The agent has no tool of that name.</exception>
    internal ValueTask<ToolInvocationResult> InvokeToolAsync(string name, string? argumentsJson, CancellationToken cancellationToken)
    {
        var tool = _options.Tools.OfType<AIFunction>().FirstOrDefault(t => t.Name == name)
            ?? throw new KeyNotFoundException($"Agent '{Name}' has no tool '{name}' (it has: {string.Join(", ", _options.Tools.Select(t => t.Name))}).");
        return ToolInvoker.InvokeAsync(tool, argumentsJson, _options.IncludeToolErrorDetails, null, cancellationToken, _options.ToolTimeout);
    }
}
