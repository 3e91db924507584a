using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Swarms.Agents.Streaming;

namespace Swarms.Agents;

/// <summary>
/// How an <see cref="Agent"/> behaves. Names mirror the Python swarms <c>Agent</c> arguments
/// (<c>agent_name</c>, <c>system_prompt</c>, <c>model_name</c>, <c>max_loops</c>, <c>streaming_on</c>,
/// <c>stream</c>, <c>print_on</c>, <c>verbose</c>, <c>interactive</c>).
/// </summary>
public sealed class AgentOptions
{
    /// <summary>The agent's name, shown in panels and put on every event.</summary>
    public string AgentName { get; set; } = "Agent";

    /// <summary>What the agent is for; shown in listings, not sent to the model.</summary>
    public string? Description { get; set; }

    /// <summary>The system prompt that gives the agent its role.</summary>
    public string? SystemPrompt { get; set; }

    /// <summary>The model (or Azure deployment) to call. Null: the provider's configured default.</summary>
    public string? ModelName { get; set; }

    /// <summary>
    /// How many times the agent calls the model. Each loop after the first feeds the conversation so far back
    /// to the model (as swarms does); the answer of the last loop is the agent's response.
    /// </summary>
    public int MaxLoops { get; set; } = 1;

    /// <summary>Show tokens as they arrive (a live panel when printing). Off: one panel when the answer is complete.</summary>
    public bool StreamingOn { get; set; }

    /// <summary>
    /// Detailed streaming: the seed's <c>stream=True</c>. Kept for parity; a <see cref="TokenCallback"/> fires
    /// whenever one is given, whether or not this is set.
    /// </summary>
    public bool Stream { get; set; }

    /// <summary>Print the agent's answer on the console. Off: nothing is printed, the answer is still returned.</summary>
    public bool PrintOn { get; set; } = true;

    /// <summary>Diagnostic logging (to the logger factory, or standard error). Never mixed into the answer.</summary>
    public bool Verbose { get; set; }

    /// <summary>Between loops, ask the user on the console for the next input; <see cref="ExitWord"/> ends the run.</summary>
    public bool Interactive { get; set; }

    /// <summary>The word that ends an interactive session.</summary>
    public string ExitWord { get; set; } = "exit";

    /// <summary>Sampling temperature; null leaves the model's default.</summary>
    public float? Temperature { get; set; }

    /// <summary>Upper bound of output tokens per model call; null leaves the model's default.</summary>
    public int? MaxTokens { get; set; }

    /// <summary>
    /// How many times a failed model call (429, 5xx, timeout, a stream cut mid-way) is tried again, with
    /// exponential backoff that honours <c>Retry-After</c>. 0 disables retries.
    /// </summary>
    public int RetryAttempts { get; set; } = 3;

    /// <summary>First backoff delay; doubled at each retry up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Largest backoff delay, including one asked for by <c>Retry-After</c>.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Token text callback used when <c>RunAsync</c> is not given one.</summary>
    public Action<string>? StreamingCallback { get; set; }

    /// <summary>Detailed callback used when <c>RunAsync</c> is not given one.</summary>
    public Action<TokenInfo>? TokenCallback { get; set; }

    /// <summary>The model. Null: chosen from configuration (<see cref="Models.ModelSettings"/>).</summary>
    public IChatClient? ChatClient { get; set; }

    /// <summary>Where panels are printed. Null: the process console.</summary>
    public IAnsiConsole? Console { get; set; }

    /// <summary>Where input is read in interactive mode. Null: standard input.</summary>
    public TextReader? Input { get; set; }

    /// <summary>Where diagnostics go. Null: nowhere, or standard error when <see cref="Verbose"/>.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>The clock for timestamps and backoff delays (tests pass a fake one).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(AgentName, nameof(AgentName));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxLoops, 1, nameof(MaxLoops));
        ArgumentOutOfRangeException.ThrowIfNegative(RetryAttempts, nameof(RetryAttempts));
        if (MaxTokens is { } max)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(max, 1, nameof(MaxTokens));
        }
    }
}
