using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Spectre.Console;
using Swarms.Agents.Console;
using Swarms.Agents.Models;
using Swarms.Agents.Streaming;

namespace Swarms.Agents;

/// <summary>
/// An LLM agent that streams its model's tokens as they arrive: to callbacks, to the console, and as
/// <see cref="SwarmEvent"/>s. The .NET counterpart of the Python swarms <c>Agent</c>.
/// </summary>
/// <remarks>
/// An agent holds no per-run state, so one instance may run several tasks at once.
/// The model is any <see cref="IChatClient"/>; without one, the provider is chosen from configuration
/// (<see cref="ModelSettings.FromEnvironment"/>), which falls back to the offline local model.
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
        _chatClient = options.ChatClient ?? ChatClientFactory.Create(ModelSettings.FromEnvironment(), options.ModelName);
        var loggerFactory = options.LoggerFactory ?? (options.Verbose ? StderrLoggerFactory.Instance : NullLoggerFactory.Instance);
        _logger = loggerFactory.CreateLogger("Swarms.Agents.Agent");
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

    /// <summary>
    /// The model to name in events, logs and callbacks before the provider reports one: the configured model, else
    /// the client's default.
    /// </summary>
    internal string? ConfiguredModel => _options.ModelName ?? _chatClient.GetService<ChatClientMetadata>()?.DefaultModelId;

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

    /// <summary>Runs the task and returns the agent's final answer. Prints as <see cref="AgentOptions.PrintOn"/> says.</summary>
    /// <exception cref="AgentRunException">The model failed after every retry.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public Task<string> RunAsync(string task, CancellationToken cancellationToken = default) =>
        RunCoreAsync(task, _options.StreamingCallback, _options.TokenCallback, cancellationToken);

    /// <summary>
    /// Runs the task, giving each token's text to <paramref name="streamingCallback"/> as it arrives (this
    /// overrides <see cref="AgentOptions.StreamingCallback"/>), and returns the final answer. A callback that
    /// throws is logged once and skipped; the model is not called again.
    /// </summary>
    /// <remarks>
    /// Preferred over the <see cref="TokenInfo"/> overload when a lambda fits both (<c>t =&gt; Console.Write(t)</c>),
    /// so the most natural callback compiles without a type annotation.
    /// </remarks>
    [OverloadResolutionPriority(1)]
    public Task<string> RunAsync(string task, Action<string> streamingCallback, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(streamingCallback);
        return RunCoreAsync(task, streamingCallback, _options.TokenCallback, cancellationToken);
    }

    /// <summary>
    /// Runs the task, giving each chunk to <paramref name="tokenCallback"/> with its index, model, and (on the
    /// closing chunk) finish reason and usage. Overrides <see cref="AgentOptions.TokenCallback"/>.
    /// </summary>
    public Task<string> RunAsync(string task, Action<TokenInfo> tokenCallback, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokenCallback);
        return RunCoreAsync(task, _options.StreamingCallback, tokenCallback, cancellationToken);
    }

    private async Task<string> RunCoreAsync(
        string task, Action<string>? streamingCallback, Action<TokenInfo>? tokenCallback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        _options.Validate(); // options may have changed since construction
        var callbacks = new CallbackDispatcher(Name, ConfiguredModel, streamingCallback, tokenCallback, _logger, _options.TimeProvider);
        var console = _options.Console ?? AnsiConsole.Console;
        var renderer = _options.PrintOn ? new AgentConsoleRenderer(console, Name, _options.StreamingOn) : null;
        if (renderer is null)
        {
            return await ConsumeAsync(task, callbacks, null, cancellationToken).ConfigureAwait(false);
        }

        return await renderer.RunAsync(onEvent => ConsumeAsync(task, callbacks, onEvent, cancellationToken)).ConfigureAwait(false);
    }

    private async Task<string> ConsumeAsync(
        string task, CallbackDispatcher callbacks, Action<SwarmEvent>? onEvent, CancellationToken cancellationToken)
    {
        string? output = null;
        try
        {
            await foreach (var evt in RunStreamingAsync(task, null, cancellationToken).ConfigureAwait(false))
            {
                callbacks.OnEvent(evt);
                onEvent?.Invoke(evt);
                if (evt is AgentCompleted completed)
                {
                    output = completed.Output;
                }
            }
        }
        finally
        {
            // A run that failed or was cancelled still delivers what buffered callbacks hold back.
            callbacks.Complete();
        }

        return output ?? "";
    }
}
