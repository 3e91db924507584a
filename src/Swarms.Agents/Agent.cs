using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Swarms.Agents.Models;
using Swarms.Agents.Output;
using Swarms.Agents.Streaming;

namespace Swarms.Agents;

/// <summary>
/// An LLM agent that streams its model's tokens as they arrive, as <see cref="SwarmEvent"/>s, to callbacks, sinks
/// and the console. The .NET counterpart of the Python swarms <c>Agent</c>.
/// </summary>
/// <remarks>
/// One event path: <see cref="RunStreamingAsync(string, AgentRunOptions?, CancellationToken)"/> produces the events;
/// <c>RunAsync</c> hands them to the callbacks, the given sinks and (when printing) the console, through one
/// dispatcher. An agent holds no per-run state, so one instance may run several tasks at once. The model is any
/// <see cref="IChatClient"/>; without one, the offline local stand-in.
/// </remarks>
public sealed partial class Agent
{
    private readonly AgentOptions _options;
    private readonly IChatClient _chatClient;
    private readonly ILogger _logger;

    /// <summary>Creates an agent.</summary>
    public Agent(AgentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _chatClient = options.ChatClient ?? new LocalChatClient();
        var loggerFactory = options.LoggerFactory ?? (options.Verbose ? StderrLogger.Verbose : StderrLogger.Warnings);
        _logger = loggerFactory.CreateLogger<Agent>();
    }

    /// <summary>
    /// The model to name in events, logs and callbacks before the provider reports one: the configured model, else
    /// the client's default.
    /// </summary>
    internal string? ConfiguredModel => _options.ModelName ?? _chatClient.GetService<ChatClientMetadata>()?.DefaultModelId;

    internal ILogger Logger => _logger;

    /// <summary>The agent's name.</summary>
    public string Name => _options.AgentName;

    /// <summary>
    /// The agent's options (shared, not copied: change them only between runs). Changes to prompts, loops, printing,
    /// callbacks, temperature and max tokens apply to the next run; <see cref="AgentOptions.ChatClient"/>,
    /// <see cref="AgentOptions.LoggerFactory"/> and <see cref="AgentOptions.Verbose"/> are read once, when the agent is created.
    /// </summary>
    public AgentOptions Options => _options;

    /// <summary>The model the agent calls.</summary>
    public IChatClient ChatClient => _chatClient;

    /// <summary>
    /// Runs the task and returns the agent's final answer. The callbacks of <see cref="AgentOptions"/> get the
    /// tokens; the agent prints as <see cref="AgentOptions.PrintOn"/> and <see cref="AgentOptions.StreamingOn"/> say.
    /// </summary>
    /// <exception cref="AgentRunException">The model failed after every retry.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public Task<string> RunAsync(string task, CancellationToken cancellationToken = default) =>
        RunCoreAsync(task, _options.StreamingCallback, _options.TokenCallback, null, runTimeCallback: false, cancellationToken);

    /// <summary>
    /// Runs the task, giving each token's text to <paramref name="streamingCallback"/> as it arrives (instead of
    /// <see cref="AgentOptions.StreamingCallback"/>, and instead of printing unless
    /// <see cref="AgentOptions.PrintWithRunCallback"/>), and returns the final answer. A callback that throws is
    /// logged once and skipped; the model is not called again.
    /// </summary>
    /// <remarks>
    /// A plain callback is live: it gets text as the model sends it and cannot take text back. When a model call is
    /// cut after some of its text went out and the agent tries again, the callback receives the new attempt from its
    /// start (a warning is logged). To end with exactly the final answer under retries, pass a sink (the helpers in
    /// <c>Swarms.Agents.Callbacks</c> are sinks) or a <see cref="TokenInfo"/> callback, which gets a reset chunk.
    /// Preferred over the <see cref="TokenInfo"/> overload when a lambda fits both (<c>t =&gt; Console.Write(t)</c>).
    /// </remarks>
    [OverloadResolutionPriority(1)]
    public Task<string> RunAsync(string task, Action<string> streamingCallback, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(streamingCallback);
        return RunCoreAsync(task, streamingCallback, _options.TokenCallback, null, runTimeCallback: true, cancellationToken);
    }

    /// <summary>
    /// Runs the task, giving each chunk to <paramref name="tokenCallback"/> with its index, model, and (on the
    /// closing chunk) finish reason and usage; a reset chunk when a model call is made again after a failure.
    /// Replaces <see cref="AgentOptions.TokenCallback"/> and the agent's printing, as the plain overload does.
    /// </summary>
    public Task<string> RunAsync(string task, Action<TokenInfo> tokenCallback, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokenCallback);
        return RunCoreAsync(task, _options.StreamingCallback, tokenCallback, null, runTimeCallback: true, cancellationToken);
    }

    /// <summary>
    /// Runs the task, handing every event to <paramref name="sink"/> (a helper such as
    /// <see cref="Callbacks.BufferedCallback"/>, a console panel, your own), which is told when the run ends so it can
    /// flush. Replaces the agent's printing unless <see cref="AgentOptions.PrintWithRunCallback"/>; the options'
    /// callbacks still fire.
    /// </summary>
    public Task<string> RunAsync(string task, ISwarmEventSink sink, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sink);
        return RunCoreAsync(task, _options.StreamingCallback, _options.TokenCallback, sink, runTimeCallback: true, cancellationToken);
    }

    private async Task<string> RunCoreAsync(
        string task, Action<string>? text, Action<TokenInfo>? detailed, ISwarmEventSink? sink, bool runTimeCallback,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        _options.Validate(); // options may have changed since construction
        var sinks = new List<ISwarmEventSink>(3);
        if (text is not null || detailed is not null)
        {
            var callbacks = new CallbackSink(Name, text, detailed, _logger, $"Agent {Name}", _options.TimeProvider);
            callbacks.SetModel(Name, ConfiguredModel);
            sinks.Add(callbacks);
        }

        if (sink is not null)
        {
            sinks.Add(new IsolatedSink(sink, _logger, $"Agent {Name}"));
        }

        IUserInput? input = _options.UserInput;
        if (_options.PrintOn && (!runTimeCallback || _options.PrintWithRunCallback) && (_options.Output ?? ConsoleOutput.Default) is { } output)
        {
            var printer = output.CreateAgentPrinter(this);
            input ??= printer as IUserInput;
            sinks.Add(new IsolatedSink(printer, _logger, $"Agent {Name} (console)"));
        }

        var last = await RunStreamingCoreAsync(task, null, input, cancellationToken).DispatchAsync(sinks, cancellationToken).ConfigureAwait(false);
        return (last as AgentCompleted)?.Output ?? "";
    }
}
