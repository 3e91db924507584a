using System.Collections.Concurrent;
using Swarms.Agents.DependencyInjection;
using Swarms.Agents.Models;
using Swarms.Agents.Tests.Fakes;

namespace Swarms.Orchestration.Tests.Support;

/// <summary>
/// What the Chat Completions test server answers in the durable tests: a model at temperature 0 (the answer is a
/// function of the agent and of what it is asked), with chosen agents streaming their first call slowly, so a test can
/// kill a process while they stream. The server's request log tells which agent called how often.
/// </summary>
internal sealed class SwarmModel
{
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private readonly HashSet<string> _slowFirstCall;
    private readonly HashSet<string> _failing;

    public SwarmModel(IEnumerable<string>? slowFirstCall = null, IEnumerable<string>? failing = null, int words = 24, TimeSpan? delay = null)
    {
        _slowFirstCall = [.. slowFirstCall ?? []];
        _failing = [.. failing ?? []];
        Words = words;
        ChunkDelay = delay ?? TimeSpan.FromMilliseconds(120);
    }

    public int Words { get; }

    /// <summary>Delay per chunk of a slow call, and of every call when <see cref="AllSlow"/>.</summary>
    public TimeSpan ChunkDelay { get; }

    /// <summary>Every call streams slowly (to keep calls overlapping).</summary>
    public bool AllSlow { get; init; }

    /// <summary>Serves this model's answers on <paramref name="server"/>.</summary>
    public SwarmModel On(ChatCompletionsServer server)
    {
        server.Responder = Reply;
        return this;
    }

    /// <summary>The agent a request comes from: its system prompt is "You are NAME." (<see cref="Definitions.Agent"/>).</summary>
    public static string AgentOf(RecordedRequest request) =>
        request.SystemPrompt is { } p && p.StartsWith("You are ", StringComparison.Ordinal) ? p["You are ".Length..].TrimEnd('.') : "?";

    /// <summary>Model calls per agent, from the server's request log.</summary>
    public static Dictionary<string, int> CallsPerAgent(IEnumerable<RecordedRequest> requests) =>
        requests.GroupBy(AgentOf).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    /// <summary>Settings of agents on the real OpenAI client against <paramref name="server"/>.</summary>
    public static void Configure(ModelSettings settings, ChatCompletionsServer server)
    {
        settings.Provider = "openai";
        settings.Endpoint = server.BaseAddress;
        settings.ApiKey = "test-key";
        settings.Model = "gpt-fake-1";
    }

    /// <summary>An <see cref="Agents.AgentFactory"/> on <paramref name="server"/> (for the in-process comparison run).</summary>
    public static Agents.AgentFactory Factory(ChatCompletionsServer server)
    {
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        services.AddSwarmsAgents(s => Configure(s, server));
        return Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Agents.AgentFactory>(
            Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(services));
    }

    private FakeReply Reply(RecordedRequest request)
    {
        var agent = AgentOf(request);
        int call = _calls.AddOrUpdate(agent, 1, (_, n) => n + 1);
        if (_failing.Contains(agent))
        {
            return FakeReply.Error(500);
        }

        var prompt = request.UserPrompt ?? "";
        var hash = Fnv(agent + "\n" + prompt);
        var words = new List<string> { $"{agent} on {hash:x8}:" };
        for (int i = 0; i < Words; i++)
        {
            words.Add($" w{(hash >> (i % 24)) & 0xff:x2}");
        }

        words.Add(".");
        bool slow = AllSlow || (_slowFirstCall.Contains(agent) && call == 1);
        return new FakeReply { Content = words, ChunkDelay = slow ? ChunkDelay : TimeSpan.Zero };
    }

    private static uint Fnv(string text)
    {
        uint hash = 2166136261;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 16777619;
        }

        return hash;
    }
}
