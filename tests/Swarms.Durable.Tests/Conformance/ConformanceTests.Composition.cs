using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Swarms.Durable.Tests.Conformance;

/// <summary>Sub-orchestrations, fan-out/fan-in, WhenAny, continue-as-new, non-determinism, large payloads.</summary>
public abstract partial class ConformanceTests<TFixture>
{
    [Fact]
    public async Task SubOrchestrations_WithInstanceIds_RunAndKnowTheirParent()
    {
        var id = BackendFixture.NewId();
        var result = await Host.RunAsync("Parent", 3, id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(1 + 4 + 9, result.ReadOutputAs<int>());
        var child = await Host.Client.GetInstanceAsync($"{id}-child2", getInputsAndOutputs: true);
        Assert.Equal(4, child!.ReadOutputAs<int>());
    }

    [Fact]
    public async Task SubOrchestration_Fails_ParentSeesTheChildsFailure()
    {
        var result = await Host.RunAsync("FailingParent", "child broke");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Contains("child broke", result.ReadOutputAs<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhenAll_ThousandActivities_FansOutAndSumsEveryResult()
    {
        var result = await Host.RunAsync("FanOut", 1000);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(1000 * 1001 / 2, result.ReadOutputAs<int>());
    }

    [Fact]
    public async Task WhenAny_SecondEventRaised_WinsTheRace()
    {
        var id = BackendFixture.NewId();
        await Host.Client.ScheduleNewOrchestrationInstanceAsync("WhenAnyEvent", null, new StartOrchestrationOptions { InstanceId = id });
        await Host.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running);

        await Host.Client.RaiseEventAsync(id, "b", "second");
        var result = await Host.WaitAsync(id);

        Assert.Equal("b:second", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task ContinueAsNew_FiveGenerations_EndsWithTheLastInputAndAFreshHistory()
    {
        var result = await Host.RunAsync("Counter", 0);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(50, result.ReadOutputAs<int>());
        Assert.Equal(5, result.ReadInputAs<int>());
    }

    [Fact]
    public async Task NonDeterminism_ReplayTakesAnotherPath_FailsTheInstance()
    {
        var result = await Host.RunAsync("NonDeterministic");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Contains("NonDeterministic", result.FailureDetails!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplaySafeLogger_OrchestrationReplays_LogsEachLineOnce()
    {
        var tag = BackendFixture.NewId();

        var result = await Host.RunAsync("ReplaySafeLogging", tag);

        var lines = Host.Logs.Messages.Where(m => m.Category == "Conformance.Replay" && m.Message.EndsWith(tag, StringComparison.Ordinal)).Select(m => m.Message).ToList();
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal([$"before {tag}", $"after {tag}"], lines);
        Assert.True(ConformanceTasks.Attempts["runs-" + tag] >= 2, "the orchestration never replayed");
    }

    [Fact]
    public async Task Payloads_OneMegabyteInputAndOutput_RoundTrip()
    {
        var text = string.Create(1024 * 1024, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (char)('a' + (i % 26));
            }
        });

        var result = await Host.RunAsync("Echo", text);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(text, result.ReadInputAs<string>());
        Assert.Equal(text, result.ReadOutputAs<string>());
    }
}
