using Swarms.Agents.Streaming;
using Swarms.Agents.Workflows;
using Swarms.Orchestration.Tests.Support;

namespace Swarms.Orchestration.Tests.Orchestrations;

/// <summary>Durable swarm runs end to end on the real worker over SQLite, on the local model.</summary>
public sealed class SwarmRunTests
{
    [Fact]
    public async Task Sequential_ThreeAgents_CompletesWithTheSameOutputAsTheInProcessWorkflow()
    {
        await using var host = await SwarmHost.StartAsync();
        var definition = Definitions.Sequential(3);

        var result = await host.RunAsync(definition, "Analyze TSLA", "seq-run");
        var inProcess = await definition.CreateWorkflow(configure: o => o.ShowDashboard = false).RunAsync("Analyze TSLA");

        Assert.Equal(WorkflowStatus.Completed, result.Status);
        Assert.Equal(inProcess.Output, result.Output);
        Assert.Equal(inProcess.Agents.Select(a => a.Output), result.Agents.Select(a => a.Output));
        var events = await host.EventsAsync("seq-run");
        Assert.IsType<RunStarted>(events[0]);
        Assert.IsType<RunCompleted>(events[^1]);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Seq));
        Assert.All(events, e => Assert.Equal("seq-run", e.RunId));
    }
}
