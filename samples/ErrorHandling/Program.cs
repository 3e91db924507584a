// Error handling: (1) a callback that throws is logged once and isolated: the stream goes on and the model is not
// called again; (2) a model call that fails with a transient error is retried with backoff, and every attempt is
// visible in the events; (3) a model that keeps failing ends the run with an AgentRunException naming agent,
// model and cause.
using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Swarms.Agents;
using Swarms.Agents.Models;
using Swarms.Agents.Streaming;

// The configured model (the offline local model unless a provider is set), wrapped so that we can make it fail.
IChatClient Model(int failures) => new FlakyChatClient(ChatClientFactory.FromEnvironment(), failures);

// 1. A throwing callback.
var model = (FlakyChatClient)Model(failures: 0);
var agent = new Agent(new AgentOptions
{
    AgentName = "Resilient-Agent",
    SystemPrompt = "You are a risk analyst.",
    ChatClient = model,
    PrintOn = false,
    Verbose = true, // the callback's error is logged (once) to standard error
});
int seen = 0;
var response = await agent.RunAsync("Assess supply-chain risk", (string token) =>
{
    if (++seen >= 10)
    {
        throw new InvalidOperationException("the UI went away");
    }
});
Console.WriteLine($"1. Callback threw from token 10 on; the run still returned {response.Length} characters after {model.Calls} model call(s).");

// 2. A model that fails once with HTTP 503, then works.
model = (FlakyChatClient)Model(failures: 1);
agent = new Agent(new AgentOptions
{
    AgentName = "Resilient-Agent",
    SystemPrompt = "You are a risk analyst.",
    ChatClient = model,
    RetryAttempts = 3,
    RetryDelay = TimeSpan.FromMilliseconds(100),
});
await foreach (var evt in agent.RunStreamingAsync("Assess supply-chain risk"))
{
    switch (evt)
    {
        case AgentStarted started:
            Console.WriteLine($"2. Attempt {started.Attempt} started.");
            break;
        case AgentFailed failed:
            Console.WriteLine($"2. Attempt {failed.Attempt} failed ({failed.Error}); will retry: {failed.WillRetry}.");
            break;
        case AgentCompleted completed:
            Console.WriteLine($"2. Completed on attempt {completed.Attempt}: {completed.Output.Length} characters, {model.Calls} model calls.");
            break;
    }
}

// 3. A model that never recovers.
agent = new Agent(new AgentOptions
{
    AgentName = "Resilient-Agent",
    ChatClient = Model(failures: int.MaxValue),
    RetryAttempts = 2,
    RetryDelay = TimeSpan.FromMilliseconds(50),
    PrintOn = false,
});
try
{
    await agent.RunAsync("Assess supply-chain risk");
}
catch (AgentRunException ex)
{
    Console.WriteLine($"3. Gave up after {ex.Attempts} attempts: {ex.Message}");
}

/// <summary>A model wrapper that fails its first calls with HTTP 503 before streaming anything, then passes through.</summary>
internal sealed class FlakyChatClient(IChatClient inner, int failures) : DelegatingChatClient(inner)
{
    public int Calls { get; private set; }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (++Calls <= failures)
        {
            throw new HttpRequestException("503 Service Unavailable (simulated)", null, HttpStatusCode.ServiceUnavailable);
        }

        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken))
        {
            yield return update;
        }
    }
}
