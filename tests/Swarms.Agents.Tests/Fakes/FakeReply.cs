namespace Swarms.Agents.Tests.Fakes;

/// <summary>
/// What <see cref="ChatCompletionsServer"/> answers to one request: an error status, or a stream of content,
/// reasoning and tool-call deltas, optionally slowed down or cut mid-way.
/// </summary>
public sealed record FakeReply
{
    /// <summary>HTTP status; anything but 200 answers with an OpenAI error body instead of a stream.</summary>
    public int Status { get; init; } = 200;

    /// <summary>The error body's <c>type</c> (default: rate_limit_exceeded for 429, server_error otherwise).</summary>
    public string? ErrorType { get; init; }

    /// <summary>The error body's <c>code</c> (default: the status); empty, as some servers send it.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>Retry-After header value (seconds) of an error reply.</summary>
    public string? RetryAfter { get; init; }

    /// <summary>Reasoning deltas (<c>reasoning_content</c>), sent before the content.</summary>
    public IReadOnlyList<string> Reasoning { get; init; } = [];

    /// <summary>Content deltas, one chunk each.</summary>
    public IReadOnlyList<string> Content { get; init; } = [];

    /// <summary>Tool calls, streamed after the content: id and name first, then one chunk per argument fragment.</summary>
    public IReadOnlyList<FakeToolCall> ToolCalls { get; init; } = [];

    /// <summary>finish_reason of the closing chunk.</summary>
    public string FinishReason { get; init; } = "stop";

    /// <summary>Usage sent when the request asks for it (<c>stream_options.include_usage</c>).</summary>
    public int PromptTokens { get; init; } = 11;

    /// <summary>Completion tokens reported in the usage chunk.</summary>
    public int CompletionTokens { get; init; } = 7;

    /// <summary>Model name put on every chunk.</summary>
    public string Model { get; init; } = "gpt-fake-1";

    /// <summary>Abort the connection after this many chunks have been sent (a stream cut mid-way: TCP reset).</summary>
    public int? CutAfterChunks { get; init; }

    /// <summary>
    /// End the response normally after this many chunks, without the finish reason, usage or <c>[DONE]</c>: the server
    /// closed the stream mid-answer (a proxy timeout, a crashed backend). The HTTP response itself is well formed.
    /// </summary>
    public int? EndAfterChunks { get; init; }

    /// <summary>Delay before each chunk (a slow stream).</summary>
    public TimeSpan ChunkDelay { get; init; }

    /// <summary>
    /// Builds the reply from the request it answers (the conversation the client sent: a tool result to quote, for
    /// example); the other properties of this reply are ignored.
    /// </summary>
    public Func<RecordedRequest, FakeReply>? FromRequest { get; init; }

    /// <summary>A reply made from the request it answers.</summary>
    public static FakeReply Answering(Func<RecordedRequest, FakeReply> build) => new() { FromRequest = build };

    /// <summary>A reply asking for one tool call, its arguments streamed in two fragments.</summary>
    public static FakeReply CallTool(string id, string name, string arguments) => new()
    {
        ToolCalls = [new FakeToolCall(id, name, arguments[..(arguments.Length / 2)], arguments[(arguments.Length / 2)..])],
        FinishReason = "tool_calls",
    };

    /// <summary>A plain text answer streamed in the given deltas.</summary>
    public static FakeReply Text(params string[] deltas) => new() { Content = deltas };

    /// <summary>An error reply.</summary>
    public static FakeReply Error(int status, string? retryAfter = null) => new() { Status = status, RetryAfter = retryAfter };
}
