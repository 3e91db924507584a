using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Swarms.Agents.Tests.Fakes;

/// <summary>
/// A real HTTP server (Kestrel on 127.0.0.1, a free port) speaking the OpenAI Chat Completions streaming
/// protocol, so the real OpenAI and Azure OpenAI SDK clients can be driven end to end without a network.
/// Serves <c>POST /chat/completions</c> (OpenAI and compatible servers) and
/// <c>POST /openai/deployments/{deployment}/chat/completions?api-version=...</c> (Azure OpenAI).
/// Each request takes the next scripted <see cref="FakeReply"/> from a queue, or <see cref="DefaultReply"/>
/// when the queue is empty, and is recorded in <see cref="Requests"/>.
/// </summary>
public sealed class ChatCompletionsServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeReply> _script = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private int _active;
    private int _maxActive;

    private ChatCompletionsServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:54321/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The reply given when no scripted reply is queued.</summary>
    public FakeReply DefaultReply { get; set; } = FakeReply.Text("Hello", ", ", "world", "!");

    /// <summary>Requests received so far, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>
    /// Chooses the reply from the request itself (a reply per agent, by its system prompt): a non-null reply wins over the
    /// queue and <see cref="DefaultReply"/>. Makes the server's answers a function of what it is asked, like a model at
    /// temperature 0, so two runs of the same swarm get the same answers.
    /// </summary>
    public Func<RecordedRequest, FakeReply?>? Responder { get; set; }

    /// <summary>Requests being answered now.</summary>
    public int ActiveRequests => Volatile.Read(ref _active);

    /// <summary>The most requests that were being answered at the same time.</summary>
    public int MaxActiveRequests => Volatile.Read(ref _maxActive);

    /// <summary>Starts a server on a free loopback port.</summary>
    public static async Task<ChatCompletionsServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        ChatCompletionsServer? server = null;
        app.MapPost("/chat/completions", (HttpContext context) => server!.HandleAsync(context));
        app.MapPost("/openai/deployments/{deployment}/chat/completions", (HttpContext context) => server!.HandleAsync(context));
        await app.StartAsync();
        var address = app.Urls.Single();
        server = new ChatCompletionsServer(app, new Uri(address.TrimEnd('/') + "/"));
        return server;
    }

    /// <summary>Queues replies for the next requests, in order.</summary>
    public ChatCompletionsServer Enqueue(params FakeReply[] replies)
    {
        foreach (var reply in replies)
        {
            _script.Enqueue(reply);
        }

        return this;
    }

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        int active = Interlocked.Increment(ref _active);
        for (int max = Volatile.Read(ref _maxActive); active > max; max = Volatile.Read(ref _maxActive))
        {
            Interlocked.CompareExchange(ref _maxActive, active, max);
        }

        try
        {
            await AnswerAsync(context);
        }
        finally
        {
            Interlocked.Decrement(ref _active);
        }
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var body = (JsonObject)(await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted))!;
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var recorded = new RecordedRequest(DateTimeOffset.UtcNow, context.Request.Path, context.Request.QueryString.Value ?? "", headers, body);
        _requests.Enqueue(recorded);
        var reply = Responder?.Invoke(recorded) ?? (_script.TryDequeue(out var next) ? next : DefaultReply);
        if (reply.FromRequest is { } build)
        {
            reply = build(recorded);
        }

        if (reply.Status != StatusCodes.Status200OK)
        {
            context.Response.StatusCode = reply.Status;
            if (reply.RetryAfter is { } retryAfter)
            {
                context.Response.Headers.RetryAfter = retryAfter;
            }

            var error = new JsonObject
            {
                ["error"] = new JsonObject
                {
                    ["message"] = $"Scripted failure {reply.Status}",
                    ["type"] = reply.ErrorType ?? (reply.Status == 429 ? "rate_limit_exceeded" : "server_error"),
                    ["code"] = reply.ErrorCode ?? reply.Status.ToString(System.Globalization.CultureInfo.InvariantCulture),
                },
            };
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(error.ToJsonString(), context.RequestAborted);
            return;
        }

        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        bool includeUsage = body["stream_options"]?["include_usage"]?.GetValue<bool>() == true;
        int sent = 0;
        try
        {
            foreach (var chunk in Chunks(reply, includeUsage))
            {
                if (reply.CutAfterChunks is { } cut && sent == cut)
                {
                    await context.Response.Body.FlushAsync(context.RequestAborted);
                    // Let the client read what was sent before the reset, which may discard unread data.
                    await Task.Delay(TimeSpan.FromMilliseconds(300), context.RequestAborted);
                    context.Abort();
                    return;
                }

                if (reply.EndAfterChunks is { } end && sent == end)
                {
                    // Returning ends the chunked response cleanly: no finish_reason, no usage, no [DONE].
                    return;
                }

                if (reply.ChunkDelay > TimeSpan.Zero)
                {
                    await Task.Delay(reply.ChunkDelay, context.RequestAborted);
                }

                await context.Response.WriteAsync(chunk, Encoding.UTF8, context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                sent++;
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away (a cancelled test): nothing more to send.
        }
    }

    /// <summary>The SSE events of a reply: role, reasoning, content, tool calls, finish, usage, [DONE].</summary>
    private static IEnumerable<string> Chunks(FakeReply reply, bool includeUsage)
    {
        const string id = "chatcmpl-fake";
        JsonObject Chunk(JsonObject? delta, string? finishReason = null, JsonObject? usage = null)
        {
            var chunk = new JsonObject
            {
                ["id"] = id,
                ["object"] = "chat.completion.chunk",
                ["created"] = 1_700_000_000,
                ["model"] = reply.Model,
                ["system_fingerprint"] = "fp_fake",
                ["choices"] = delta is null ? new JsonArray() : new JsonArray(new JsonObject
                {
                    ["index"] = 0,
                    ["delta"] = delta,
                    ["logprobs"] = null,
                    ["finish_reason"] = finishReason,
                }),
            };
            if (usage is not null)
            {
                chunk["usage"] = usage;
            }

            return chunk;
        }

        static string Sse(JsonObject json) => "data: " + json.ToJsonString() + "\n\n";

        yield return Sse(Chunk(new JsonObject { ["role"] = "assistant", ["content"] = "" }));
        foreach (var r in reply.Reasoning)
        {
            yield return Sse(Chunk(new JsonObject { ["reasoning_content"] = r }));
        }

        foreach (var c in reply.Content)
        {
            yield return Sse(Chunk(new JsonObject { ["content"] = c }));
        }

        for (int i = 0; i < reply.ToolCalls.Count; i++)
        {
            var call = reply.ToolCalls[i];
            yield return Sse(Chunk(new JsonObject
            {
                ["tool_calls"] = new JsonArray(new JsonObject
                {
                    ["index"] = i,
                    ["id"] = call.Id,
                    ["type"] = "function",
                    ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = "" },
                }),
            }));
            foreach (var fragment in call.ArgumentFragments)
            {
                yield return Sse(Chunk(new JsonObject
                {
                    ["tool_calls"] = new JsonArray(new JsonObject
                    {
                        ["index"] = i,
                        ["function"] = new JsonObject { ["arguments"] = fragment },
                    }),
                }));
            }
        }

        yield return Sse(Chunk(new JsonObject(), reply.FinishReason));
        if (includeUsage)
        {
            yield return Sse(Chunk(null, usage: new JsonObject
            {
                ["prompt_tokens"] = reply.PromptTokens,
                ["completion_tokens"] = reply.CompletionTokens,
                ["total_tokens"] = reply.PromptTokens + reply.CompletionTokens,
            }));
        }

        yield return "data: [DONE]\n\n";
    }
}
