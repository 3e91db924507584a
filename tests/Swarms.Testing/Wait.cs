namespace Swarms.Testing;

/// <summary>Hang-guarded waits for states that have no completion signal. The guard is a hang detector, not a
/// timing assertion: it only fails a test that would otherwise never end.</summary>
public static class Wait
{
    /// <summary>The longest a test waits for anything.</summary>
    public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(120);

    /// <summary>Polls <paramref name="condition"/> until it holds.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? guard = null)
    {
        var deadline = DateTime.UtcNow + (guard ?? HangGuard);
        while (!await condition().ConfigureAwait(false))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting until {what}.");
            }

            await Task.Delay(20).ConfigureAwait(false);
        }
    }

    /// <summary>Polls <paramref name="condition"/> until it holds.</summary>
    public static Task UntilAsync(Func<bool> condition, string what, TimeSpan? guard = null) =>
        UntilAsync(() => Task.FromResult(condition()), what, guard);
}
