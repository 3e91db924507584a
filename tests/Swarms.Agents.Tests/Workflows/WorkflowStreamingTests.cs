using Swarms.Agents.Streaming;
using Swarms.Agents.Workflows;

namespace Swarms.Agents.Tests.Workflows;

public class WorkflowStreamingTests
{
    private static ConcurrentWorkflow ThreeAgents(WorkflowErrorPolicy onError = WorkflowErrorPolicy.Continue, bool oneFails = false) =>
        new("stream", Enumerable.Range(1, 3).Select(i => new ScriptedChatClient
        {
            TokenDelay = TimeSpan.FromMilliseconds(5),
            Reply = _ => $"agent {i} says one two three four five",
            Failure = oneFails && i == 2 ? new InvalidOperationException("boom") : null,
        }.Agent($"Agent-{i}")), onError: onError);

    [Fact]
    public async Task RunStreamingAsync_MergesEveryAgentIntoOneStreamInSeqOrder()
    {
        var events = new List<SwarmEvent>();
        await foreach (var evt in ThreeAgents().RunStreamingAsync("task"))
        {
            events.Add(evt);
        }

        var started = Assert.IsType<RunStarted>(events[0]);
        Assert.Equal(["Agent-1", "Agent-2", "Agent-3"], started.Agents);
        var completed = Assert.IsType<RunCompleted>(events[^1]);
        Assert.Equal(3 * 18, completed.Usage.TotalTokens);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Seq));
        Assert.Single(events.Select(e => e.RunId).Distinct());
        foreach (var name in started.Agents)
        {
            var mine = events.OfType<AgentEvent>().Where(e => e.Agent == name).ToList();
            Assert.IsType<AgentStarted>(mine[0]);
            var done = Assert.IsType<AgentCompleted>(mine[^1]);
            Assert.Equal(done.Output, string.Concat(mine.OfType<TextDelta>().Select(d => d.Delta)));
            Assert.Contains(name.Replace("Agent-", "agent ", StringComparison.Ordinal), done.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RunStreamingAsync_OneAgentFails_StreamCarriesAgentFailedAndRunCompleted()
    {
        var events = new List<SwarmEvent>();
        await foreach (var evt in ThreeAgents(oneFails: true).RunStreamingAsync("task"))
        {
            events.Add(evt);
        }

        var failed = Assert.Single(events.OfType<AgentFailed>());
        Assert.Equal("Agent-2", failed.Agent);
        Assert.False(failed.WillRetry);
        Assert.Equal(2, events.OfType<AgentCompleted>().Count());
        Assert.IsType<RunCompleted>(events[^1]);
    }

    [Fact]
    public async Task RunStreamingAsync_CancelRest_EndsWithRunFailed()
    {
        var events = new List<SwarmEvent>();
        await foreach (var evt in ThreeAgents(WorkflowErrorPolicy.CancelRest, oneFails: true).RunStreamingAsync("task"))
        {
            events.Add(evt);
        }

        Assert.IsType<RunFailed>(events[^1]);
    }

    [Fact]
    public async Task RunAsync_EventCallback_SeesEveryEventOnceInOrder()
    {
        var seen = new List<long>();
        var result = await ThreeAgents().RunAsync("task", evt => seen.Add(evt.Seq));

        Assert.Equal(WorkflowStatus.Completed, result.Status);
        Assert.Equal(Enumerable.Range(1, seen.Count).Select(i => (long)i), seen);
    }

    [Fact]
    public async Task RunAsync_EventCallbackThrows_RunCompletes()
    {
        int calls = 0;
        var result = await ThreeAgents().RunAsync("task", _ => { calls++; throw new InvalidOperationException("bad callback"); });

        Assert.Equal(WorkflowStatus.Completed, result.Status);
        Assert.True(calls > 10);
    }

    [Fact]
    public async Task RunStreamingAsync_Cancelled_ThrowsOperationCanceled()
    {
        var workflow = new ConcurrentWorkflow("slow", [new ScriptedChatClient { Delay = TimeSpan.FromSeconds(60) }.Agent("Slow")]);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in workflow.RunStreamingAsync("task", cts.Token))
            {
            }
        });
    }

    [Fact]
    public async Task RunStreamingAsync_ConsumerStopsEarly_AgentsAreStopped()
    {
        var client = new ScriptedChatClient { TokenDelay = TimeSpan.FromMilliseconds(20), Reply = _ => string.Join(' ', Enumerable.Repeat("word", 5000)) };
        var workflow = new SequentialWorkflow([client.Agent("Long")]);

        var stop = Task.Run(async () =>
        {
            await foreach (var evt in workflow.RunStreamingAsync("task"))
            {
                if (evt is TextDelta)
                {
                    break;
                }
            }
        });

        // 5000 words at 20 ms would take 100 s; leaving early must not wait for them.
        Assert.Same(stop, await Task.WhenAny(stop, Task.Delay(TimeSpan.FromSeconds(30))));
        await stop;
    }
}
