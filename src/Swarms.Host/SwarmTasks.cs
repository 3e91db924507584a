using Microsoft.DurableTask;

namespace Swarms.Host;

/// <summary>The orchestrators and activities the host's worker runs.</summary>
internal static class SwarmTasks
{
    public static void Register(DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
    }
}
