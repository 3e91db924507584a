using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Swarms.Agents.Streaming;

namespace Swarms.Agents.Tools;

/// <summary>
/// One run of an agent that has tools: Microsoft.Extensions.AI's <see cref="FunctionInvokingChatClient"/> runs the
/// tool loop (model turn, tool calls, results, next turn); this class watches its stream, turns it into events, and
/// keeps the agent's conversation up to date with every completed turn and tool result as they happen.
/// </summary>
/// <remarks>
/// <b>Retries never repeat a tool.</b> The agent retries a failed model call itself (each attempt an event). When the
/// call fails after tools ran, the completed model turns and tool results are already in the conversation, so the
/// next attempt starts the function-invocation loop from there: the model is asked for its next turn, and no completed
/// tool is run again. The new attempt first re-sends the answer text of the completed turns (the reset rule discards
/// an agent's text on a new attempt, and the kept text is part of the answer). Tool-call and result events are facts
/// and are not repeated. The tool-round budget (<see cref="AgentOptions.MaxToolIterations"/>) spans the attempts.
/// </remarks>
internal sealed class ToolLoop
{
    /// <summary>Where the agent's invoker leaves the <see cref="ToolInvocationResult"/> on the result it returns.</summary>
    internal const string OutcomeKey = "swarms.tool.outcome";

    private readonly IList<AITool> _tools;
    private readonly int _max;
    private readonly bool _errorDetails;
    private readonly TimeSpan? _timeout;
    private readonly ILoggerFactory? _loggerFactory;
    private readonly ILogger _logger;
    private readonly RawToolArguments _raw = new();
    private readonly Dictionary<string, string?> _rawByCall = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
    private readonly List<ChatResponseUpdate> _turn = [];
    private readonly List<AIContent> _results = [];
    private readonly List<SwarmEvent> _events = [];
    private bool _inResults;
    private bool _separatorPending;

    public ToolLoop(IList<AITool> tools, int maxIterations, bool errorDetails, TimeSpan? timeout, ILoggerFactory? loggerFactory, ILogger logger)
    {
        _tools = tools;
        _timeout = timeout;
        _max = maxIterations;
        _errorDetails = errorDetails;
        _loggerFactory = loggerFactory;
        _logger = logger;
    }

    /// <summary>The tool loop of one run of <paramref name="agent"/>, or null when the agent has no tools (the plain path).</summary>
    /// <exception cref="ArgumentException">Two tools have the same name.</exception>
    public static ToolLoop? Create(Agent agent, Mcp.McpToolSession? mcp, IList<AITool> configured)
    {
        if (configured.Count == 0 && mcp is not { Tools.Count: > 0 })
        {
            return null;
        }

        if (agent.ChatClient.GetService<FunctionInvokingChatClient>() is not null)
        {
            throw new InvalidOperationException(
                $"Agent '{agent.Name}' has tools, and its chat client already runs a function-invocation loop (UseFunctionInvocation). " +
                "Remove it from the pipeline: the agent adds its own, so that the tool limit and retries apply.");
        }

        var tools = new List<AITool>(configured.Count + (mcp?.Tools.Count ?? 0));
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tool in configured.Concat(mcp?.Tools ?? []))
        {
            if (!names.Add(tool.Name))
            {
                throw new ArgumentException($"Agent '{agent.Name}' has two tools named '{tool.Name}' (from its Tools and its MCP servers): tool names must be unique.");
            }

            tools.Add(tool);
        }

        var options = agent.Options;
        return new ToolLoop(tools, options.MaxToolIterations, options.IncludeToolErrorDetails, options.ToolTimeout, options.LoggerFactory, agent.Logger);
    }

    /// <summary>Tool rounds (a model turn's calls and their results) completed in this loop of the agent.</summary>
    public int Rounds { get; private set; }

    /// <summary>Answer text of the model turns completed in this loop (kept across attempts).</summary>
    public string KeptText { get; private set; } = "";

    /// <summary>Usage of the model turns completed in this loop, across attempts.</summary>
    public TokenUsage Usage { get; private set; } = TokenUsage.Zero;

    /// <summary>Where the current model turn's text starts in the attempt's text.</summary>
    public int TurnTextStart { get; private set; }

    /// <summary>A new loop of the agent: a new tool budget.</summary>
    public void StartLoop()
    {
        Rounds = 0;
        KeptText = "";
        Usage = TokenUsage.Zero;
    }

    /// <summary>
    /// A new attempt: the model is called through the function-invocation loop with the tool rounds left (none left:
    /// directly, without tools). Returns the events that open the attempt (the kept text, when there is some).
    /// </summary>
    public IReadOnlyList<SwarmEvent> StartAttempt(IChatClient inner, ChatOptions options, ModelCall call, out IChatClient client)
    {
        _turn.Clear();
        _results.Clear();
        _raw.Clear();
        _inResults = false;
        _events.Clear();
        if (KeptText.Length > 0 && call.Map(new TextContent(KeptText)) is { } kept)
        {
            _events.Add(kept);
        }

        TurnTextStart = call.Text.Length;
        _separatorPending = NeedsSeparator(KeptText);
        int remaining = _max - Rounds;
        if (remaining <= 0)
        {
            client = inner;
            return _events;
        }

        options.Tools = _tools;
        client = inner.AsBuilder()
            .UseFunctionInvocation(_loggerFactory, loop =>
            {
                loop.MaximumIterationsPerRequest = remaining;
                loop.FunctionInvoker = InvokeAsync;
            })
            .Build();
        return _events;
    }

    /// <summary>The events of one update of the loop's stream; also records turns and results in <paramref name="conversation"/>.</summary>
    public IReadOnlyList<SwarmEvent> OnUpdate(ChatResponseUpdate update, ModelCall call, List<ChatMessage> conversation)
    {
        _events.Clear();
        if (update.Role == ChatRole.Tool)
        {
            if (!_inResults)
            {
                CloseModelTurn(conversation);
            }

            foreach (var content in update.Contents)
            {
                if (content is FunctionResultContent result)
                {
                    _results.Add(result);
                    _events.Add(ResultEvent(call, result));
                }
            }

            return _events;
        }

        if (_inResults)
        {
            CloseResults(call, conversation);
        }

        _raw.Observe(update);
        _turn.Add(update);
        var contents = update.Contents;
        for (int i = 0; i < contents.Count; i++)
        {
            var content = contents[i];
            if (content is FunctionCallContent fcc)
            {
                _names[fcc.CallId] = fcc.Name;
                var raw = fcc.Exception is null ? null : _raw.For(fcc.CallId);
                _rawByCall[fcc.CallId] = raw;
                _events.Add(call.ToolCall(fcc, raw));
                continue;
            }

            if (_separatorPending && content is TextContent { Text.Length: > 0 })
            {
                // A turn after tool results continues the answer on a new paragraph.
                _separatorPending = false;
                _events.Add(call.Map(new TextContent("\n\n"))!);
            }

            if (call.Map(content) is { } evt)
            {
                _events.Add(evt);
            }
        }

        return _events;
    }

    /// <summary>The attempt failed: tool results already given are kept in the conversation; a half-streamed turn is dropped.</summary>
    public IReadOnlyList<SwarmEvent> OnFailed(ModelCall call, List<ChatMessage> conversation)
    {
        _events.Clear();
        if (_inResults)
        {
            CloseResults(call, conversation);
        }

        return _events;
    }

    /// <summary>
    /// The attempt completed: tool calls of the last turn that were not run (the model asked for tools after the last
    /// round allowed) get an error result event. Returns those events; <paramref name="finalText"/> is the last turn's text.
    /// </summary>
    public IReadOnlyList<SwarmEvent> OnCompleted(ModelCall call, out string finalText)
    {
        _events.Clear();
        finalText = call.Text.ToString(TurnTextStart, call.Text.Length - TurnTextStart);
        foreach (var update in _turn)
        {
            foreach (var content in update.Contents)
            {
                if (content is FunctionCallContent fcc)
                {
                    var why = Rounds >= _max
                        ? $"not run: the agent's limit of {_max} tool round(s) per loop was reached"
                        : "not run: the agent has no such tool";
                    _events.Add(call.Stamp.ToolResult(call.Agent, fcc.CallId, fcc.Name, why, isError: true, error: why));
                }
            }
        }

        Usage += call.Usage ?? TokenUsage.Zero;
        call.Usage = null;
        return _events;
    }

    /// <summary>An argument "text" that is empty: some servers send "" for a function without parameters.</summary>
    public static bool IsNoArguments(Exception parseFailure) =>
        (parseFailure as JsonException ?? parseFailure.InnerException as JsonException)?.Message
            .StartsWith("The input does not contain any JSON tokens", StringComparison.Ordinal) == true;

    private static bool NeedsSeparator(string text) => text.Length > 0 && !text.EndsWith('\n');

    /// <summary>The function-invocation loop's invoker: every call goes through <see cref="ToolInvoker"/>.</summary>
    private async ValueTask<object?> InvokeAsync(FunctionInvocationContext context, CancellationToken cancellationToken)
    {
        var call = context.CallContent;
        var outcome = call.Exception is { } failure && !IsNoArguments(failure)
            ? ToolInvoker.InvalidArguments(call.Name, _rawByCall.GetValueOrDefault(call.CallId), failure)
            : await ToolInvoker.InvokeAsync(context.Function, context.Arguments, _errorDetails, cancellationToken, _timeout).ConfigureAwait(false);
        return new FunctionResultContent(call.CallId, outcome.Result) { AdditionalProperties = new() { [OutcomeKey] = outcome } };
    }

    private ToolResult ResultEvent(ModelCall call, FunctionResultContent result)
    {
        var name = _names.GetValueOrDefault(result.CallId, "");
        if (result.AdditionalProperties?.TryGetValue(OutcomeKey, out var value) == true && value is ToolInvocationResult outcome)
        {
            return call.Stamp.ToolResult(call.Agent, result.CallId, name, outcome.Result, outcome.IsError, outcome.Error);
        }

        // Made by the loop itself, not by a tool: a tool the agent does not have ("Error: Requested function ... not found").
        var text = ToolInvoker.ToText(result.Result);
        return call.Stamp.ToolResult(call.Agent, result.CallId, name, text, isError: true, error: text);
    }

    private void CloseModelTurn(List<ChatMessage> conversation)
    {
        conversation.AddRange(_turn.ToChatResponse().Messages);
        _turn.Clear();
        _inResults = true;
    }

    private void CloseResults(ModelCall call, List<ChatMessage> conversation)
    {
        conversation.Add(new ChatMessage(ChatRole.Tool, [.. _results]));
        _results.Clear();
        _inResults = false;
        _raw.Clear();
        Rounds++;
        KeptText = call.Text.ToString();
        TurnTextStart = call.Text.Length;
        _separatorPending = NeedsSeparator(KeptText);
        Usage += call.Usage ?? TokenUsage.Zero;
        call.Usage = null;
        // The next turn is a new model response: its own finish reason tells whether it completed.
        call.FinishReason = null;
        if (Rounds >= _max)
        {
            _logger.ToolLimitReached(call.Agent, _max);
            _events.Add(call.Stamp.ToolLimitReached(call.Agent, call.Attempt, _max));
        }
    }
}
