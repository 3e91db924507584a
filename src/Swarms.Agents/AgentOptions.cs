using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Swarms.Agents.Output;
using Swarms.Agents.Streaming;

namespace Swarms.Agents;

/// <summary>
/// How an <see cref="Agent"/> behaves. Names mirror the Python swarms <c>Agent</c> arguments
/// (<c>agent_name</c>, <c>system_prompt</c>, <c>model_name</c>, <c>max_loops</c>, <c>streaming_on</c>,
/// <c>print_on</c>, <c>verbose</c>, <c>interactive</c>).
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
    /// Print the agent's answer on the console (through the <c>Swarms.Console</c> package when the app references it;
    /// without it nothing is printed). Off: nothing is printed, the answer is still returned. A callback or sink given
    /// to <c>RunAsync</c> replaces this printing, as in swarms, unless <see cref="PrintWithRunCallback"/> is set.
    /// </summary>
    public bool PrintOn { get; set; } = true;

    /// <summary>
    /// Print even when <c>RunAsync</c> is given a callback or sink. Off (default): a run-time callback replaces the
    /// agent's own printing, so the two never fight over the terminal.
    /// </summary>
    public bool PrintWithRunCallback { get; set; }

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

    /// <summary>
    /// Functions the model may call: ordinary .NET methods and lambdas made into tools with
    /// <c>AIFunctionFactory.Create(method)</c>, tools of a <see cref="Tools.ToolRegistry"/>, or MCP tools. Microsoft.Extensions.AI's
    /// function-invocation loop runs them; each call and result is an event (<see cref="ToolCall"/>, <see cref="ToolResult"/>)
    /// and the model's continuation streams after them. A tool that throws gives the model an error result (and the run goes
    /// on); mark a tool that may run twice without harm with <see cref="Tools.ToolExtensions.AsSafeToRepeat"/> or
    /// <see cref="Tools.SafeToRepeatAttribute"/> (default: not safe to repeat).
    /// </summary>
    public IList<AITool> Tools { get; set; } = [];

    /// <summary>
    /// MCP servers whose tools the agent offers its model, besides <see cref="Tools"/>. The agent starts (stdio) or
    /// connects to (HTTP) each one when a run starts, lists its tools, and closes it when the run ends. To keep one
    /// connection for many runs, connect yourself with <see cref="Tools.Mcp.McpToolSession.ConnectAsync"/> and put its
    /// tools in <see cref="Tools"/>.
    /// </summary>
    public IList<Tools.Mcp.McpServerDefinition> McpServers { get; set; } = [];

    /// <summary>
    /// How many tool rounds (the model asks for tools, they run, their results go back) one loop of the agent may make.
    /// When they are used up, a <see cref="ToolLimitReached"/> event is sent and the next model call is made without
    /// tools, so the model must answer with what it has.
    /// </summary>
    public int MaxToolIterations { get; set; } = DefaultMaxToolIterations;

    /// <summary>The default of <see cref="MaxToolIterations"/>.</summary>
    public const int DefaultMaxToolIterations = 10;

    /// <summary>
    /// How long one tool call may take. A call still running then is abandoned (it is cancelled; a method that ignores
    /// its cancellation token is left to finish on its own) and the model is told the tool did not finish in time. Null:
    /// no limit.
    /// </summary>
    public TimeSpan? ToolTimeout { get; set; } = DefaultToolTimeout;

    /// <summary>The default of <see cref="ToolTimeout"/>: five minutes.</summary>
    public static readonly TimeSpan DefaultToolTimeout = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Give the model the exception message when a tool throws. Off (default, as in Microsoft.Extensions.AI): the model
    /// is told only that the tool failed, so internal details never reach it (or a user through it); the
    /// <see cref="ToolResult"/> event always carries the detail.
    /// </summary>
    public bool IncludeToolErrorDetails { get; set; }

    /// <summary>Token text callback used when <c>RunAsync</c> is not given one.</summary>
    public Action<string>? StreamingCallback { get; set; }

    /// <summary>Detailed callback used when <c>RunAsync</c> is not given one.</summary>
    public Action<TokenInfo>? TokenCallback { get; set; }

    /// <summary>
    /// The model. Null: the offline local stand-in model (<see cref="Models.LocalChatClient"/>). To use the configured
    /// provider, pass <see cref="Models.ChatClientFactory.FromEnvironment"/> or create agents with
    /// <see cref="AgentFactory"/> (<c>services.AddSwarmsAgents(configuration)</c>).
    /// </summary>
    public IChatClient? ChatClient { get; set; }

    /// <summary>
    /// Where the agent prints when <see cref="PrintOn"/> is set. Null: the console output of the <c>Swarms.Console</c>
    /// package when the app references it (<see cref="ConsoleOutput.Default"/>); else nothing is printed.
    /// </summary>
    public IConsoleOutput? Output { get; set; }

    /// <summary>
    /// Where the next input comes from in interactive mode (it receives the answer so far; null ends the session).
    /// Null: the printing console asks on the terminal (<see cref="Input"/> or standard input).
    /// </summary>
    public IUserInput? UserInput { get; set; }

    /// <summary>Where the console reads input in interactive mode. Null: standard input.</summary>
    public TextReader? Input { get; set; }

    /// <summary>
    /// Where diagnostics and callback failures go. Null: standard error, one line per warning (and debug lines too
    /// when <see cref="Verbose"/>). <see cref="AgentFactory"/> sets the application's logger factory.
    /// </summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>The clock for timestamps and backoff delays (tests pass a fake one).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(AgentName, nameof(AgentName));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxLoops, 1, nameof(MaxLoops));
        ArgumentOutOfRangeException.ThrowIfNegative(RetryAttempts, nameof(RetryAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxToolIterations, 1, nameof(MaxToolIterations));
        if (ToolTimeout is { } timeout)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero, nameof(ToolTimeout));
        }

        ArgumentNullException.ThrowIfNull(Tools, nameof(Tools));
        ArgumentNullException.ThrowIfNull(McpServers, nameof(McpServers));
        if (MaxTokens is { } max)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(max, 1, nameof(MaxTokens));
        }
    }
}
