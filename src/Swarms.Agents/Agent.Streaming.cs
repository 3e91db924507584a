using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Spectre.Console;
using Swarms.Agents.Streaming;

namespace Swarms.Agents;

public sealed partial class Agent
{
    /// <summary>The user message of each loop after the first, when the run is not interactive.</summary>
    internal const string ContinuePrompt =
        "Review the conversation so far and continue: refine and improve your previous answer.";

    /// <summary>
    /// Runs the task and yields its events as they happen: <see cref="AgentStarted"/> per loop and attempt,
    /// <see cref="TextDelta"/>, <see cref="ReasoningDelta"/>, <see cref="ToolCall"/> and <see cref="ToolResult"/>
    /// as the model sends them, <see cref="AgentFailed"/> on a failed attempt, and one
    /// <see cref="AgentCompleted"/> with the final answer. Nothing is printed and no callback is called.
    /// </summary>
    /// <param name="task">The task.</param>
    /// <param name="stamp">Run id and sequence numbers to use (a workflow shares one among its agents); null: a new run.</param>
    /// <param name="cancellationToken">Stops the model stream promptly; surfaces as <see cref="OperationCanceledException"/>.</param>
    /// <exception cref="AgentRunException">After the last <see cref="AgentFailed"/>, when the model failed for good.</exception>
    public async IAsyncEnumerable<SwarmEvent> RunStreamingAsync(
        string task, RunStamp? stamp = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        stamp ??= new RunStamp(null, _options.TimeProvider);
        var time = stamp.Time;
        var messages = new List<ChatMessage>(4);
        if (!string.IsNullOrWhiteSpace(_options.SystemPrompt))
        {
            messages.Add(new ChatMessage(ChatRole.System, _options.SystemPrompt));
        }

        messages.Add(new ChatMessage(ChatRole.User, task));
        var usage = TokenUsage.Zero;
        string output = "";
        string? finishReason = null;
        // Named before the first chunk arrives, so that a call failing at once still names its model.
        string? model = ConfiguredModel;
        int attempt = 1;

        for (int loop = 1; loop <= _options.MaxLoops; loop++)
        {
            if (loop > 1)
            {
                var next = _options.Interactive ? await ReadUserTurnAsync(output, cancellationToken).ConfigureAwait(false) : ContinuePrompt;
                if (next is null)
                {
                    break;
                }

                messages.Add(new ChatMessage(ChatRole.User, next));
            }

            Log.LoopStarted(_logger, Name, loop, _options.MaxLoops, model);
            for (attempt = 1; ; attempt++)
            {
                yield return new AgentStarted(Name, loop, attempt) { RunId = stamp.RunId, Seq = stamp.NextSeq(), Timestamp = time.GetUtcNow() };
                var call = new ModelCallState();
                var stream = _chatClient.GetStreamingResponseAsync(messages, CreateChatOptions(), cancellationToken);
                var enumerator = stream.GetAsyncEnumerator(cancellationToken);
                Exception? failure = null;
                try
                {
                    while (true)
                    {
                        ChatResponseUpdate update;
                        try
                        {
                            if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                            {
                                break;
                            }

                            update = enumerator.Current;
                        }
                        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                        {
                            failure = ex;
                            break;
                        }

                        model = update.ModelId ?? model;
                        if (update.FinishReason is { } reason)
                        {
                            call.FinishReason = reason.Value;
                        }

                        var contents = update.Contents;
                        for (int i = 0; i < contents.Count; i++)
                        {
                            var evt = call.Map(contents[i], Name, attempt, stamp);
                            if (evt is not null)
                            {
                                yield return evt;
                            }
                        }
                    }
                }
                finally
                {
                    await enumerator.DisposeAsync().ConfigureAwait(false);
                }

                if (failure is null)
                {
                    output = call.Text.ToString();
                    usage += call.Usage ?? Models.TokenCounter.Estimate(messages, output);
                    finishReason = call.FinishReason;
                    break;
                }

                bool willRetry = attempt <= _options.RetryAttempts && ModelFailures.IsTransient(failure);
                yield return new AgentFailed(Name, attempt, ModelFailures.Describe(failure), willRetry) { RunId = stamp.RunId, Seq = stamp.NextSeq(), Timestamp = time.GetUtcNow() };
                if (!willRetry)
                {
                    Log.Failed(_logger, Name, model, attempt, failure);
                    throw new AgentRunException(Name, model, attempt, failure);
                }

                var delay = ModelFailures.Backoff(failure, attempt, _options.RetryDelay, _options.MaxRetryDelay);
                Log.Retrying(_logger, Name, attempt, ModelFailures.Describe(failure), (long)delay.TotalMilliseconds);
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            }

            messages.Add(new ChatMessage(ChatRole.Assistant, output));
        }

        Log.Completed(_logger, Name, usage.OutputTokens, finishReason);
        yield return new AgentCompleted(Name, attempt, output, usage, finishReason, model) { RunId = stamp.RunId, Seq = stamp.NextSeq(), Timestamp = time.GetUtcNow() };
    }

    private async Task<string?> ReadUserTurnAsync(string lastAnswer, CancellationToken cancellationToken)
    {
        var console = _options.Console ?? AnsiConsole.Console;
        console.MarkupLine($"[grey]Your input (type '{Markup.Escape(_options.ExitWord)}' to finish):[/]");
        var input = _options.Input ?? System.Console.In;
        var line = await input.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        if (line is null || line.Trim().Equals(_options.ExitWord, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return string.IsNullOrWhiteSpace(line) ? ContinuePrompt : line;
    }

    /// <summary>What one model call has produced so far.</summary>
    private sealed class ModelCallState
    {
        /// <summary>Tool arguments and results as compact JSON (the AI defaults indent), as a model sends them.</summary>
        private static readonly JsonSerializerOptions CompactJson = new(AIJsonUtilities.DefaultOptions) { WriteIndented = false };

        public StringBuilder Text { get; } = new();

        public TokenUsage? Usage { get; private set; }

        public string? FinishReason { get; set; }

        /// <summary>Turns one piece of model output into its event, stamped; null for content with no event.</summary>
        public SwarmEvent? Map(AIContent content, string agent, int attempt, RunStamp stamp)
        {
            string runId = stamp.RunId;
            switch (content)
            {
                case TextContent text when text.Text.Length > 0:
                    Text.Append(text.Text);
                    return new TextDelta(agent, attempt, text.Text) { RunId = runId, Seq = stamp.NextSeq(), Timestamp = stamp.Time.GetUtcNow() };
                case TextReasoningContent reasoning when reasoning.Text.Length > 0:
                    return new ReasoningDelta(agent, attempt, reasoning.Text) { RunId = runId, Seq = stamp.NextSeq(), Timestamp = stamp.Time.GetUtcNow() };
                case FunctionCallContent call:
                    return new ToolCall(agent, call.CallId, call.Name,
                        call.Arguments is null ? "{}" : JsonSerializer.Serialize(call.Arguments, CompactJson))
                    { RunId = runId, Seq = stamp.NextSeq(), Timestamp = stamp.Time.GetUtcNow() };
                case FunctionResultContent result:
                    return new ToolResult(agent, result.CallId,
                        result.Result is string s ? s : JsonSerializer.Serialize(result.Result, CompactJson))
                    { RunId = runId, Seq = stamp.NextSeq(), Timestamp = stamp.Time.GetUtcNow() };
                case UsageContent usage:
                    var d = usage.Details;
                    long input = d.InputTokenCount ?? 0, output = d.OutputTokenCount ?? 0;
                    Usage = new TokenUsage(input, output, d.TotalTokenCount ?? input + output);
                    return null;
                default:
                    return null;
            }
        }
    }
}
