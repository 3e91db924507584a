using Swarms.Testing;

namespace Swarms.Orchestration.Tests.Processes;

/// <summary>SIGKILL of a worker process mid-run on the embedded SQLite backend (run log in the same file).</summary>
public sealed class SqliteCrashRecoveryIntegrationTests
{
    [Fact]
    public async Task Sequential_KilledWhileAgent2Streams_ResumeCallsAgent1Once_Agent2Twice_Agent3Once_AndMatchesInProcess()
    {
        using var database = new TempDatabase("swarms-crash");
        using var processes = RunnerProcesses.OnSqlite(database.Path);
        await CrashRecovery.SequentialAsync(processes);
    }

    [Fact]
    public async Task Concurrent_KilledMidFanOut_ResumeDoesNotCallTheFinishedAgentAgain_AndMatchesInProcess()
    {
        using var database = new TempDatabase("swarms-crash");
        using var processes = RunnerProcesses.OnSqlite(database.Path);
        await CrashRecovery.ConcurrentAsync(processes);
    }
}

/// <summary>SIGKILL of a worker process mid-run on Azure Storage (Azurite): task hub queues and tables, run log in table SwarmRunEvents.</summary>
public sealed class AzureStorageCrashRecoveryIntegrationTests : IAsyncLifetime
{
    private AzuriteServer _azurite = null!;

    public async Task InitializeAsync() => _azurite = await AzuriteServer.StartAsync();

    public async Task DisposeAsync() => await _azurite.DisposeAsync();

    [Fact]
    public async Task Sequential_KilledWhileAgent2Streams_ResumeCallsAgent1Once_Agent2Twice_Agent3Once_AndMatchesInProcess()
    {
        using var processes = RunnerProcesses.OnAzureStorage(_azurite.ConnectionString, "crashseq");
        await CrashRecovery.SequentialAsync(processes);
    }

    [Fact]
    public async Task Concurrent_KilledMidFanOut_ResumeDoesNotCallTheFinishedAgentAgain_AndMatchesInProcess()
    {
        using var processes = RunnerProcesses.OnAzureStorage(_azurite.ConnectionString, "crashcon");
        await CrashRecovery.ConcurrentAsync(processes);
    }
}
