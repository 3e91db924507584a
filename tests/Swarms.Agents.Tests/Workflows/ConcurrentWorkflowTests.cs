using System.Diagnostics;
using Microsoft.Extensions.AI;
using Swarms.Agents.Workflows;

namespace Swarms.Agents.Tests.Workflows;

[Collection(nameof(OverlapCounter))]
public class ConcurrentWorkflowTests
{
    [Fact]
    public async Task RunAsync_TenAgentsWhoseModelTakesOneSecond_RunAtOnce()
    {
        ScriptedChatClient.ResetOverlap();
        var agents = Enumerable.Range(1, 10)
            .Select(i => new ScriptedChatClient { Delay = TimeSpan.FromSeconds(1), Reply = _ => $"answer {i}" }.Agent($"Agent-{i}"))
            .ToList();
        var workflow = new ConcurrentWorkflow("ten", agents);

        var clock = Stopwatch.StartNew();
        var result = await workflow.RunAsync("task");
        clock.Stop();

        Assert.Equal(WorkflowStatus.Completed, result.Status);
        Assert.Equal(10, ScriptedChatClient.MaxActive);
        // Ten 1 s models one after another would take 10 s; together about 1 s. Generous for a loaded machine.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(6), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task RunAsync_ModelThatStreamsSynchronously_EveryAgentStartsBeforeAnyFinishes()
    {
        var model = new SynchronousBarrierChatClient(agents: 3);
        var agents = Enumerable.Range(1, 3).Select(i => new Agent(new AgentOptions { AgentName = $"Agent-{i}", ChatClient = model, PrintOn = false })).ToList();

        var result = await new ConcurrentWorkflow("sync", agents).RunAsync("task").WaitAsync(TimeSpan.FromSeconds(90));

        Assert.False(model.GuardExpired, "an agent waited in vain for the others to start: they ran one after another");
        Assert.Equal(WorkflowStatus.Completed, result.Status);
    }

    [Fact]
    public async Task RunStreamingAsync_LocalModelAtFullSpeedOnSeveralThreads_MergedStreamIsInSeqOrder()
    {
        // SWARMS_LOCAL_TOKENS_PER_SECOND=0: the agents run at once on pool threads and hand events over out of order.
        var agents = Enumerable.Range(1, 3).Select(i => new Agent(new AgentOptions
        {
            AgentName = $"Agent-{i}", PrintOn = false, SystemPrompt = "You are an analyst.",
            ChatClient = new Swarms.Agents.Models.LocalChatClient(new Swarms.Agents.Models.LocalModelOptions { TokensPerSecond = 0 }),
        })).ToList();
        var workflow = new ConcurrentWorkflow("local", agents);

        var events = new List<Swarms.Agents.Streaming.SwarmEvent>();
        await foreach (var e in workflow.RunStreamingAsync("Analyze TSLA"))
        {
            events.Add(e);
        }

        Assert.Equal(3, events.OfType<Swarms.Agents.Streaming.AgentCompleted>().Count());
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Seq));
    }

    [Fact]
    public async Task RunAsync_MaxConcurrencyTwo_NeverMoreThanTwoAtOnce()
    {
        ScriptedChatClient.ResetOverlap();
        var agents = Enumerable.Range(1, 5)
            .Select(i => new ScriptedChatClient { Delay = TimeSpan.FromMilliseconds(100), Reply = _ => $"answer {i}" }.Agent($"Agent-{i}"))
            .ToList();
        var workflow = new ConcurrentWorkflow("limited", agents, maxConcurrency: 2);

        var result = await workflow.RunAsync("task");

        Assert.Equal(WorkflowStatus.Completed, result.Status);
        Assert.Equal(2, ScriptedChatClient.MaxActive);
        Assert.Equal(Enumerable.Range(1, 5).Select(i => $"answer {i}"), result.Agents.Select(a => a.Output));
    }

    [Fact]
    public async Task RunAsync_AgentsFinishInReverse_ResultsStayInAgentOrder()
    {
        var agents = Enumerable.Range(0, 4)
            .Select(i => new ScriptedChatClient { Delay = TimeSpan.FromMilliseconds(300 * (4 - i)), Reply = _ => $"answer {i}" }.Agent($"Agent-{i}"))
            .ToList();
        var workflow = new ConcurrentWorkflow("order", agents);

        var result = await workflow.RunAsync("task");

        Assert.Equal(["Agent-0", "Agent-1", "Agent-2", "Agent-3"], result.Agents.Select(a => a.Agent));
        Assert.Equal("## Agent-0\n\nanswer 0\n\n## Agent-1\n\nanswer 1\n\n## Agent-2\n\nanswer 2\n\n## Agent-3\n\nanswer 3", result.Output);
        Assert.Equal(4 * 12, result.Usage.TotalTokens);
        Assert.All(result.Agents, a => Assert.NotNull(a.StartedAt));
    }

    [Fact]
    public async Task RunAsync_OneAgentFails_OthersFinishAndFailureIsRecorded()
    {
        var agents = new[]
        {
            new ScriptedChatClient { Reply = _ => "fine" }.Agent("A"),
            new ScriptedChatClient { Failure = new InvalidOperationException("boom") }.Agent("B"),
            new ScriptedChatClient { Delay = TimeSpan.FromMilliseconds(200), Reply = _ => "also fine" }.Agent("C"),
        };
        var workflow = new ConcurrentWorkflow("isolation", agents);

        var result = await workflow.RunAsync("task");

        Assert.Equal(WorkflowStatus.PartiallyCompleted, result.Status);
        Assert.Equal([AgentStepStatus.Completed, AgentStepStatus.Failed, AgentStepStatus.Completed], result.Agents.Select(a => a.Status));
        Assert.Contains("boom", result.Agents[1].Error, StringComparison.Ordinal);
        Assert.Contains("also fine", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("## B", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_CancelRestOnError_StopsTheOthersPromptly()
    {
        var agents = new[]
        {
            new ScriptedChatClient { Delay = TimeSpan.FromSeconds(60), Reply = _ => "slow" }.Agent("Slow-1"),
            new ScriptedChatClient { Delay = TimeSpan.FromMilliseconds(50), Failure = new InvalidOperationException("boom") }.Agent("Failing"),
            new ScriptedChatClient { Delay = TimeSpan.FromSeconds(60), Reply = _ => "slow" }.Agent("Slow-2"),
        };
        var workflow = new ConcurrentWorkflow("cancel-rest", agents, onError: WorkflowErrorPolicy.CancelRest);

        var clock = Stopwatch.StartNew();
        var result = await workflow.RunAsync("task");

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        Assert.Equal(WorkflowStatus.Failed, result.Status);
        Assert.Equal([AgentStepStatus.Cancelled, AgentStepStatus.Failed, AgentStepStatus.Cancelled], result.Agents.Select(a => a.Status));
    }

    [Fact]
    public async Task RunAsync_CancelRestWithLimitedConcurrency_AgentsNotStartedAreCancelled()
    {
        var last = new ScriptedChatClient { Reply = _ => "never" };
        var agents = new[]
        {
            new ScriptedChatClient { Failure = new InvalidOperationException("boom") }.Agent("Failing"),
            last.Agent("Later"),
        };
        var workflow = new ConcurrentWorkflow("cancel-rest", agents, maxConcurrency: 1, onError: WorkflowErrorPolicy.CancelRest);

        var result = await workflow.RunAsync("task");

        Assert.Equal([AgentStepStatus.Failed, AgentStepStatus.Cancelled], result.Agents.Select(a => a.Status));
        Assert.Empty(last.Inputs);
    }

    [Fact]
    public async Task RunAsync_TokenCancelled_ThrowsPromptly()
    {
        var agents = Enumerable.Range(1, 3)
            .Select(i => new ScriptedChatClient { Delay = TimeSpan.FromSeconds(60) }.Agent($"Agent-{i}")).ToList();
        var workflow = new ConcurrentWorkflow("cancelled", agents);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var clock = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => workflow.RunAsync("task", cts.Token));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task RunAsync_AgentStreamingCallback_IsFedInsideTheWorkflow()
    {
        var tokens = new List<string>();
        var agent = new Agent(new AgentOptions
        {
            AgentName = "A", ChatClient = new ScriptedChatClient { Reply = _ => "one two" }, PrintOn = false, StreamingCallback = tokens.Add,
        });

        await new ConcurrentWorkflow("callbacks", [agent]).RunAsync("task");

        Assert.Equal("one two", string.Concat(tokens));
    }
}

/// <summary>
/// A model that does all its work synchronously (as the local model at 0 tokens/s does): it records that it started,
/// then holds its thread until every agent of the step has started (or a generous guard passes), then answers. Run one
/// after another, the first would wait for the others in vain.
/// </summary>
internal sealed class SynchronousBarrierChatClient(int agents) : IChatClient
{
    private int _started;

    public bool GuardExpired { get; private set; }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

#pragma warning disable CS1998 // Synchronous on purpose: no await, like a model that never yields its thread.
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
#pragma warning restore CS1998
    {
        Interlocked.Increment(ref _started);
        // Not a timing assertion: only a bound on how long to wait for agents that would otherwise never start.
        if (!SpinWait.SpinUntil(() => Volatile.Read(ref _started) >= agents, TimeSpan.FromSeconds(20)))
        {
            GuardExpired = true;
        }

        yield return new ChatResponseUpdate(ChatRole.Assistant, "done") { FinishReason = ChatFinishReason.Stop };
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}

[CollectionDefinition(nameof(OverlapCounter), DisableParallelization = true)]
public sealed class OverlapCounter;
