using Swarms.Agents.Models;
using Swarms.Agents.Streaming;

namespace Swarms.Agents.Tests.Fakes;

/// <summary>Agents whose model is the real OpenAI or Azure OpenAI SDK client pointed at a <see cref="ChatCompletionsServer"/>.</summary>
public static class ServerAgents
{
    public const string OpenAi = "openai";
    public const string AzureOpenAi = "azure-openai";
    public const string Deployment = "my-deployment";
    public const string ApiKey = "test-key";

    /// <summary>Settings as a user would write them: an Azure endpoint, deployment and key; or a base URL, model and key.</summary>
    public static ModelSettings Settings(ChatCompletionsServer server, string provider) => provider switch
    {
        AzureOpenAi => new ModelSettings { Provider = AzureOpenAi, Endpoint = server.BaseAddress, Model = Deployment, ApiKey = ApiKey },
        OpenAi => new ModelSettings { Provider = OpenAi, Endpoint = server.BaseAddress, Model = "gpt-fake-1", ApiKey = ApiKey },
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    /// <summary>A silent agent with fast retries, streaming through the real SDK client of <paramref name="provider"/>.</summary>
    public static Agent Create(ChatCompletionsServer server, string provider, Action<AgentOptions>? configure = null)
    {
        var options = new AgentOptions
        {
            AgentName = "Analyst",
            SystemPrompt = "You are a market analyst.",
            PrintOn = false,
            RetryAttempts = 2,
            RetryDelay = TimeSpan.FromMilliseconds(20),
            ChatClient = ChatClientFactory.Create(Settings(server, provider)),
        };
        configure?.Invoke(options);
        return new Agent(options);
    }

    /// <summary>
    /// Collects a run's events into <paramref name="events"/> (kept when the run throws), failing the test
    /// instead of hanging if the run does not end.
    /// </summary>
    public static async Task<List<SwarmEvent>> CollectAsync(
        Agent agent, string task, List<SwarmEvent>? events = null, CancellationToken cancellationToken = default)
    {
        events ??= [];
        async Task Run()
        {
            await foreach (var e in agent.RunStreamingAsync(task, null, cancellationToken))
            {
                events.Add(e);
            }
        }

        await Run().WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        return events;
    }
}
