using Microsoft.DurableTask.Client;
using Swarms.Orchestration;

namespace Swarms.Cli.Durable;

/// <summary>Run ids: made short enough to type, and found again from a unique prefix (as git finds commits).</summary>
internal static class RunIds
{
    /// <summary>A new run id: 12 hex digits (collisions are out of reach for the runs of one store).</summary>
    public static string New() => Guid.NewGuid().ToString("n")[..12];

    /// <summary>The swarm run with id <paramref name="idOrPrefix"/>, or the only one whose id starts with it.</summary>
    /// <exception cref="CliUsageException">Empty, unknown, or a prefix of several runs.</exception>
    public static async Task<OrchestrationMetadata> ResolveAsync(DurableTaskClient client, RunStore store, string? idOrPrefix, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(idOrPrefix))
        {
            throw new CliUsageException("Give a run id (see 'swarms runs').");
        }

        var id = idOrPrefix.Trim();
        var exact = await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        if (exact is { Name: SwarmRunOrchestrator.Name })
        {
            return exact;
        }

        var matches = new List<OrchestrationMetadata>();
        var query = new OrchestrationQuery { InstanceIdPrefix = id, FetchInputsAndOutputs = true, PageSize = 50 };
        await foreach (var run in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (run.Name == SwarmRunOrchestrator.Name)
            {
                matches.Add(run);
            }

            if (matches.Count > 5)
            {
                break;
            }
        }

        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new CliUsageException($"No run '{id}' in the run store {store.Shown} (see 'swarms runs{StoreArgument(store)}')."),
            _ => throw new CliUsageException($"'{id}' is the start of several runs ({string.Join(", ", matches.Select(m => m.InstanceId))}); give more of the id."),
        };
    }

    /// <summary>The <c>--store</c> argument to repeat in a hint: nothing for the default store.</summary>
    public static string StoreArgument(RunStore store) =>
        store.Shown == "./" + RunStore.DefaultFileName ? "" : $" --store {Quote(store.Shown)}";

    public static string Quote(string path) => path.Any(char.IsWhiteSpace) ? $"\"{path}\"" : path;
}
