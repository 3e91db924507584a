using Microsoft.DurableTask.Client;
using Swarms.Testing;

namespace Swarms.Durable.Tests.Processes;

/// <summary>
/// A worker process is SIGKILLed while every instance's third activity runs; a new process finishes every instance.
/// Activities 1-2 had committed (activity 3 was scheduled by the episode that consumed activity 2's result), so they
/// ran once; activity 3 was interrupted, so it ran twice (once killed); 4-5 ran once, in the new process.
/// </summary>
[Collection(WorkerProcessTests.Name)]
public sealed class CrashRecoveryIntegrationTests
{
    private const int Instances = 4;

    [Fact]
    public async Task Sqlite_WorkerKilledMidActivity_NewProcessFinishesEveryInstanceRunningOnlyTheInterruptedActivityAgain()
    {
        using var database = new TempDatabase("swarms-crash");
        await using var processes = WorkerProcesses.OnSqlite(database.Path);
        await CrashAndRecoverAsync(processes);
    }

    [Fact]
    public async Task AzureStorage_WorkerKilledMidActivity_NewProcessFinishesEveryInstanceRunningOnlyTheInterruptedActivityAgain()
    {
        await using var azurite = await AzuriteServer.StartAsync();
        await using var processes = WorkerProcesses.OnAzureStorage(azurite.ConnectionString, "crash");
        await CrashAndRecoverAsync(processes);
    }

    private static async Task CrashAndRecoverAsync(WorkerProcesses processes)
    {
        var first = await processes.StartWorkerAsync("--block", "3", "--lock", "3");
        var ids = await processes.ScheduleAsync(Instances, "crash");
        await Wait.UntilAsync(() => ids.All(processes.Blocked), "every instance runs activity 3 in the first process");

        first.Kill(); // SIGKILL: nothing is released; the new worker waits for the locks to expire.
        var second = await processes.StartWorkerAsync("--lock", "3");
        var results = new List<OrchestrationMetadata>();
        foreach (var id in ids)
        {
            results.Add(await processes.WaitAsync(id));
        }

        Assert.All(results, r => Assert.Equal(OrchestrationRuntimeStatus.Completed, r.RuntimeStatus));
        Assert.All(results, r => Assert.Equal("r1,r2,r3,r4,r5", r.ReadOutputAs<string>()));
        foreach (var id in ids)
        {
            Assert.Equal([1, 1, 2, 1, 1], Enumerable.Range(1, 5).Select(step => processes.Runs(id, step)));
        }

        var executions = processes.Executions();
        Assert.All(executions.Where(e => e.What is "step4" or "step5"), e => Assert.Equal(second.Id, e.Pid));
        Assert.All(executions.Where(e => e.What is "step1" or "step2"), e => Assert.Equal(first.Id, e.Pid));
    }
}
