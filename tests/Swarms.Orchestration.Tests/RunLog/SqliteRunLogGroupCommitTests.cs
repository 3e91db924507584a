using Swarms.Agents.Streaming;
using Swarms.Orchestration.RunLog;
using Swarms.Testing;

namespace Swarms.Orchestration.Tests.RunLog;

/// <summary>
/// The SQLite run log writes the appends that wait in one transaction: numbering and idempotency stay what they are when
/// appends are written one by one.
/// </summary>
public sealed class SqliteRunLogGroupCommitTests : IDisposable
{
    private readonly TempDatabase _database = new("swarms-groupcommit");

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task ManyAppendsAtOnce_OfTwoRuns_EachRunNumberedOneToNWithoutGapsOrDuplicates_KeysLoggedOnce()
    {
        using var log = new SqliteRunLog(_database.Path);
        var appends = new List<Task<IReadOnlyList<SwarmEvent>>>();
        for (int i = 0; i < 60; i++)
        {
            string run = i % 2 == 0 ? "run-even" : "run-odd";
            string agent = $"agent-{i % 3}";
            appends.Add(Task.Run(() => log.AppendAsync(new RunLogBatch(run, [new TextDelta(agent, 1, "a"), new TextDelta(agent, 1, "b")]) { Turn = 1 })));

            // The same run-level event from several executions at once: logged once.
            appends.Add(Task.Run(() => log.AppendAsync(new RunLogBatch(run, [new RunStarted("swarm", ["agent-0"], "task")]) { IdempotencyKey = "started" })));
        }

        var results = await Task.WhenAll(appends);

        foreach (var run in new[] { "run-even", "run-odd" })
        {
            var logged = await log.ReadAsync(run, 0);
            Assert.Equal(Enumerable.Range(1, (30 * 2) + 1).Select(n => (long)n), logged.Select(e => e.Seq));
            Assert.Single(logged.OfType<RunStarted>());

            // What each append returned is what the log holds, and each batch's two events got consecutive numbers.
            var returned = results.SelectMany(r => r).Where(e => e.RunId == run).OrderBy(e => e.Seq).ToList();
            Assert.Equal(logged.Select(e => e.Seq), returned.Select(e => e.Seq));
        }

        Assert.All(results.Where(r => r.Count == 2), r => Assert.Equal(r[0].Seq + 1, r[1].Seq));
        Assert.Equal(2, results.Count(r => r.Count == 1)); // one RunStarted per run
    }
}
