namespace Swarms.SignalR.Tests.Support;

/// <summary>
/// Waits for a condition that other threads make true (a request reaching the fake service). The limit is a safety
/// net that fails a hung test, not a timing assertion: nothing asserts how fast the condition became true.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    public static Task TrueAsync(Func<bool> condition, string what) => TrueAsync(() => Task.FromResult(condition()), what);

    public static async Task TrueAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Still not true after {Limit.TotalSeconds} s: {what}");
            }

            await Task.Delay(5);
        }
    }
}
