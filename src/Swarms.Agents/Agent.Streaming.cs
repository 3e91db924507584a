using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Swarms.Agents.Models;
using Swarms.Agents.Output;
using Swarms.Agents.Streaming;
using Swarms.Agents.Tools;
using Swarms.Agents.Tools.Mcp;

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
    /// <exception cref="AgentRunException">After the last <see cref="AgentFailed"/>, when the model failed for good.</exception>
    public IAsyncEnumerable<SwarmEvent> RunStreamingAsync(string task, CancellationToken cancellationToken = default) =>
        RunStreamingAsync(task, null, cancellationToken);

    /// <summary>
    /// Runs the task like <see cref="RunStreamingAsync(string, CancellationToken)"/>, under the run identity of
    /// <paramref name="run"/>: its run id, first attempt number and sequence numbers (a workflow or a durable activity
    /// owns those; null: a new run).
    /// </summary>
    /// <param name="task">The task.</param>
    /// <param name="run">Run id, first attempt and sequence source; null: a new run.</param>
    /// <param name="cancellationToken">Stops the model stream promptly; surfaces as <see cref="OperationCanceledException"/>.</param>
    /// <exception cref="AgentRunException">After the last <see cref="AgentFailed"/>, when the model failed for good.</exception>
    public IAsyncEnumerable<SwarmEvent> RunStreamingAsync(string task, AgentRunOptions? run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (run is { FirstAttempt: < 1 })
        {
            throw new ArgumentOutOfRangeException(nameof(run), run.FirstAttempt, "FirstAttempt must be 1 or more.");
        }

        var stamp = new EventStamp(run?.RunId ?? Guid.NewGuid().ToString("n"), run?.Sequence ?? new EventSequence(), _options.TimeProvider);
        return RunStreamingCoreAsync(task, stamp, run?.FirstAttempt ?? 1, _options.UserInput, cancellationToken);
    }

    internal IAsyncEnumerable<SwarmEvent> RunStreamingCoreAsync(string task, EventStamp? stamp, IUserInput? input, CancellationToken cancellationToken) =>
        RunStreamingCoreAsync(task, stamp ?? EventStamp.NewRun(_options.TimeProvider), 1, input, cancellationToken);

    internal async IAsyncEnumerable<SwarmEvent> RunStreamingCoreAsync(
        string task, EventStamp stamp, int firstAttempt, IUserInput? input, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        var messages = StartConversation(task);
        McpToolSession? mcp = null;
        Exception? mcpFailure = null;
        if (_options.McpServers.Count > 0)
        {
            try
            {
                mcp = await McpToolSession.ConnectAsync(_options.McpServers, _options.LoggerFactory, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is McpServerException or ArgumentException)
            {
                mcpFailure = ex;
            }
        }

        if (mcpFailure is not null)
        {
            // Reported like any failed agent: a step that started and failed for good, naming the server.
            yield return stamp.AgentStarted(Name, 1, firstAttempt);
            yield return stamp.AgentFailed(Name, firstAttempt, mcpFailure.Message, false);
            throw new AgentRunException(Name, $"Agent '{Name}': {mcpFailure.Message}", mcpFailure);
        }

        await using var mcpSession = mcp;
        var tools = ToolLoop.Create(this, mcp, _options.Tools);
        var usage = TokenUsage.Zero;
        string output = "";
        string? finishReason = null;
        // Named before the first chunk arrives, so that a call failing at once still names its model.
        string? model = ConfiguredModel;
        int attempt = firstAttempt;

        for (int loop = 1; loop <= _options.MaxLoops; loop++)
        {
            if (loop > 1)
            {
                var next = _options.Interactive ? await ReadUserTurnAsync(input, output, cancellationToken).ConfigureAwait(false) : ContinuePrompt;
                if (next is null)
                {
                    break;
                }

                messages.Add(new ChatMessage(ChatRole.User, next));
            }

            _logger.LoopStarted(Name, loop, _options.MaxLoops, model);
            tools?.StartLoop();
            for (int tries = 1; ; tries++, attempt++)
            {
                yield return stamp.AgentStarted(Name, loop, attempt);
                var call = new ModelCall(Name, attempt, stamp);
                var chatOptions = CreateChatOptions();
                var client = _chatClient;
                if (tools is not null)
                {
                    foreach (var opening in tools.StartAttempt(_chatClient, chatOptions, call, out client))
                    {
                        yield return opening;
                    }
                }

                var enumerator = client.GetStreamingResponseAsync(messages, chatOptions, cancellationToken).GetAsyncEnumerator(cancellationToken);
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

                        if (tools is not null)
                        {
                            foreach (var evt in tools.OnUpdate(update, call, messages))
                            {
                                yield return evt;
                            }

                            continue;
                        }

                        var contents = update.Contents;
                        for (int i = 0; i < contents.Count; i++)
                        {
                            var evt = call.Map(contents[i]);
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

                // A stream that ends without a finish reason was cut (the server closed the connection mid-answer,
                // no [DONE]): its text is a fragment, never an answer. Every chat client of Microsoft.Extensions.AI
                // sets the finish reason of a complete response.
                failure ??= call.FinishReason is null ? new ModelStreamCutException(call.Text.Length) : null;
                if (failure is null)
                {
                    output = call.Text.ToString();
                    var answer = output;
                    if (tools is not null)
                    {
                        bool reported = call.Usage is not null;
                        foreach (var notRun in tools.OnCompleted(call, out answer))
                        {
                            yield return notRun;
                        }

                        usage += reported || tools.Usage != TokenUsage.Zero ? tools.Usage : TokenCounter.Estimate(messages, output, cancellationToken);
                    }
                    else
                    {
                        usage += call.Usage ?? TokenCounter.Estimate(messages, output, cancellationToken);
                    }

                    finishReason = call.FinishReason;
                    messages.Add(new ChatMessage(ChatRole.Assistant, answer));
                    break;
                }

                if (tools is not null)
                {
                    // Completed turns and tool results stay in the conversation: the next attempt resumes after them.
                    foreach (var kept in tools.OnFailed(call, messages))
                    {
                        yield return kept;
                    }
                }

                bool willRetry = tries <= _options.RetryAttempts && ModelFailures.IsTransient(failure);
                yield return stamp.AgentFailed(Name, attempt, ModelFailures.Describe(failure), willRetry);
                if (!willRetry)
                {
                    _logger.Failed(Name, model, tries, failure);
                    throw new AgentRunException(Name, model, tries, failure);
                }

                var delay = ModelFailures.Backoff(failure, tries, _options.RetryDelay, _options.MaxRetryDelay);
                _logger.Retrying(Name, attempt, ModelFailures.Describe(failure), (long)delay.TotalMilliseconds);
                await Task.Delay(delay, stamp.Time, cancellationToken).ConfigureAwait(false);
            }

            if (loop < _options.MaxLoops)
            {
                attempt = firstAttempt;
            }
        }

        _logger.Completed(Name, usage.OutputTokens, finishReason);
        yield return stamp.AgentCompleted(Name, attempt, output, usage, finishReason, model);
    }

    /// <summary>
    /// The options of one model call, read from <see cref="AgentOptions"/> at each call, so that a change made
    /// between runs (model, temperature, max tokens) applies to the next run.
    /// </summary>
    private ChatOptions CreateChatOptions() => new()
    {
        ModelId = _options.ModelName,
        Temperature = _options.Temperature,
        MaxOutputTokens = _options.MaxTokens,
    };

    private async ValueTask<string?> ReadUserTurnAsync(IUserInput? input, string lastAnswer, CancellationToken cancellationToken)
    {
        if (input is null)
        {
            throw new InvalidOperationException(
                $"Agent '{Name}' is interactive but has nowhere to read input from: set AgentOptions.UserInput, or print with the Swarms.Console package.");
        }

        var line = await input.ReadAsync(this, lastAnswer, cancellationToken).ConfigureAwait(false);
        if (line is null || line.Trim().Equals(_options.ExitWord, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return string.IsNullOrWhiteSpace(line) ? ContinuePrompt : line;
    }
}
