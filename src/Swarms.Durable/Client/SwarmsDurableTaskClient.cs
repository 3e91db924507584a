using System.Globalization;
using DurableTask.Core;
using DurableTask.Core.Exceptions;
using DurableTask.Core.History;
using DurableTask.Core.Query;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;
using CoreOrchestrationQuery = DurableTask.Core.Query.OrchestrationQuery;
using SdkOrchestrationQuery = Microsoft.DurableTask.Client.OrchestrationQuery;
using SdkPurgeResult = Microsoft.DurableTask.Client.PurgeResult;

namespace Swarms.Durable.Client;

/// <summary>
/// The Durable Task SDK's <see cref="DurableTaskClient"/> over any DurableTask.Core backend
/// (<see cref="IOrchestrationServiceClient"/>, with <see cref="IOrchestrationServiceQueryClient"/> for queries and
/// <see cref="IOrchestrationServicePurgeClient"/> for purges). Code written against <see cref="DurableTaskClient"/>
/// (what <c>[DurableClient]</c> gives in Azure Functions) runs unchanged on it.
/// </summary>
/// <remarks>
/// Id reuse: scheduling an id that an unfinished instance holds terminates that instance first and waits for it,
/// unless its status is in <see cref="StartOrchestrationOptions.DedupeStatuses"/>, which fail with
/// <see cref="OrchestrationAlreadyExistsException"/> (the SDK's rules). Terminating with
/// <see cref="TerminateInstanceOptions.Recursive"/> terminates the unfinished sub-orchestrations the instance started too.
/// </remarks>
public sealed class SwarmsDurableTaskClient : DurableTaskClient
{
    private static readonly TimeSpan StartPollingInterval = TimeSpan.FromMilliseconds(50);
    private static readonly OrchestrationStatus[] Unfinished = [OrchestrationStatus.Pending, OrchestrationStatus.Running, OrchestrationStatus.Suspended];
    private static readonly OrchestrationStatus[] Finished = [OrchestrationStatus.Completed, OrchestrationStatus.Failed, OrchestrationStatus.Terminated];

    private readonly IOrchestrationServiceClient _client;
    private readonly DataConverter _converter;

    /// <summary>Creates the client (dependency injection uses this constructor).</summary>
    /// <param name="name">The client's name.</param>
    /// <param name="client">The backend.</param>
    /// <param name="options">The SDK client options (the data converter).</param>
    [ActivatorUtilitiesConstructor]
    public SwarmsDurableTaskClient(string name, IOrchestrationServiceClient client, IOptionsMonitor<DurableTaskClientOptions> options)
        : this(name, client, (options ?? throw new ArgumentNullException(nameof(options))).Get(name).DataConverter)
    {
    }

    /// <summary>Creates the client over a backend.</summary>
    /// <param name="name">The client's name.</param>
    /// <param name="client">The backend.</param>
    /// <param name="dataConverter">Serializes inputs, outputs and events; the SDK's JSON converter by default.</param>
    public SwarmsDurableTaskClient(string name, IOrchestrationServiceClient client, DataConverter? dataConverter = null)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _converter = dataConverter ?? new DurableTaskClientOptions().DataConverter;
    }

    /// <inheritdoc/>
    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        var instance = new OrchestrationInstance { InstanceId = instanceId, ExecutionId = Guid.NewGuid().ToString("N") };
        var tags = options?.Tags?.ToDictionary(kv => kv.Key, kv => kv.Value) ?? [];
        var message = new TaskMessage
        {
            OrchestrationInstance = instance,
            Event = new ExecutionStartedEvent(-1, _converter.Serialize(input))
            {
                Name = orchestratorName.Name,
                Version = options?.Version?.Version ?? string.Empty,
                OrchestrationInstance = instance,
                ScheduledStartTime = options?.StartAt?.UtcDateTime,
                Tags = tags,
            },
        };
        var dedupe = options?.DedupeStatuses is { Count: > 0 } statuses
            ? statuses.Select(s => Enum.TryParse<OrchestrationRuntimeStatus>(s, ignoreCase: true, out var status)
                ? status.ToCore()
                : throw new ArgumentException($"Invalid orchestration runtime status '{s}' for deduplication.", nameof(options))).ToArray()
            : null;
        if (options?.InstanceId is not null)
        {
            await TerminateReusableAsync(instanceId, dedupe, cancellation).ConfigureAwait(false);
        }

        await _client.CreateTaskOrchestrationAsync(message, dedupe).ConfigureAwait(false);
        return instanceId;
    }

    /// <inheritdoc/>
    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        return SendAsync(instanceId, new EventRaisedEvent(-1, _converter.Serialize(eventPayload)) { Name = eventName }, cancellation);
    }

    /// <inheritdoc/>
    public override async Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        cancellation.ThrowIfCancellationRequested();
        var reason = _converter.Serialize(options?.Output);
        var children = options?.Recursive == true ? await UnfinishedChildrenAsync(instanceId).ConfigureAwait(false) : [];
        await _client.ForceTerminateTaskOrchestrationAsync(instanceId, reason).ConfigureAwait(false);
        foreach (var child in children)
        {
            await TerminateInstanceAsync(child, options, cancellation).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new ExecutionSuspendedEvent(-1, reason), cancellation);

    /// <inheritdoc/>
    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new ExecutionResumedEvent(-1, reason), cancellation);

    /// <inheritdoc/>
    public override async Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        cancellation.ThrowIfCancellationRequested();
        var states = await _client.GetOrchestrationStateAsync(instanceId, allExecutions: false).ConfigureAwait(false);
        // Azure Storage answers an unknown id with a list holding one null.
        return states is { Count: > 0 } && states[0] is { } state ? state.ToMetadata(_converter, getInputsAndOutputs) : null;
    }

    /// <inheritdoc/>
    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(SdkOrchestrationQuery? filter = null)
    {
        var queries = Cast<IOrchestrationServiceQueryClient>();
        return Pageable.Create(async (continuation, pageSize, cancellation) =>
        {
            var query = new CoreOrchestrationQuery
            {
                RuntimeStatus = filter?.Statuses?.Select(s => s.ToCore()).ToList(),
                CreatedTimeFrom = filter?.CreatedFrom?.UtcDateTime,
                CreatedTimeTo = filter?.CreatedTo?.UtcDateTime,
                TaskHubNames = filter?.TaskHubNames?.ToList(),
                PageSize = pageSize ?? filter?.PageSize ?? SdkOrchestrationQuery.DefaultPageSize,
                ContinuationToken = continuation ?? filter?.ContinuationToken,
                InstanceIdPrefix = filter?.InstanceIdPrefix,
                FetchInputsAndOutputs = filter?.FetchInputsAndOutputs ?? false,
            };
            var result = await queries.GetOrchestrationWithQueryAsync(query, cancellation).ConfigureAwait(false);
            var items = result.OrchestrationState.Select(s => s.ToMetadata(_converter, query.FetchInputsAndOutputs)).ToList();
            return new Page<OrchestrationMetadata>(items, result.ContinuationToken);
        });
    }

    /// <inheritdoc/>
    public override async Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        while (true)
        {
            var metadata = await GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Orchestration '{instanceId}' does not exist.");
            if (metadata.RuntimeStatus != OrchestrationRuntimeStatus.Pending)
            {
                return metadata;
            }

            await Task.Delay(StartPollingInterval, cancellation).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public override async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var state = await _client.WaitForOrchestrationAsync(instanceId, null!, TimeSpan.MaxValue, cancellation).ConfigureAwait(false);
        cancellation.ThrowIfCancellationRequested();
        return state?.ToMetadata(_converter, getInputsAndOutputs)
            ?? throw new InvalidOperationException($"Orchestration '{instanceId}' does not exist.");
    }

    /// <inheritdoc/>
    /// <remarks>Only a finished instance is purged; purging an unfinished one throws.</remarks>
    public override async Task<SdkPurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var metadata = await GetInstancesAsync(instanceId, false, cancellation).ConfigureAwait(false);
        if (metadata is null)
        {
            return new SdkPurgeResult(0);
        }

        if (!metadata.IsCompleted)
        {
            throw new InvalidOperationException($"Only a finished orchestration can be purged; '{instanceId}' is {metadata.RuntimeStatus}.");
        }

        var result = await Cast<IOrchestrationServicePurgeClient>().PurgeInstanceStateAsync(instanceId).ConfigureAwait(false);
        return new SdkPurgeResult(result.DeletedInstanceCount);
    }

    /// <inheritdoc/>
    /// <remarks>Only finished instances are purged, whatever statuses the filter names.</remarks>
    public override async Task<SdkPurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        cancellation.ThrowIfCancellationRequested();
        // Only finished instances are purged on every backend (Azure Storage would purge running ones it is asked for).
        var statuses = filter.Statuses is { } requested && requested.Any()
            ? Finished.Intersect(requested.Select(s => s.ToCore())).ToList()
            : [.. Finished];
        if (statuses.Count == 0)
        {
            return new SdkPurgeResult(0);
        }

        var coreFilter = new PurgeInstanceFilter((filter.CreatedFrom ?? DateTimeOffset.MinValue).UtcDateTime, filter.CreatedTo?.UtcDateTime, statuses);
        var result = await Cast<IOrchestrationServicePurgeClient>().PurgeInstanceStateAsync(coreFilter).ConfigureAwait(false);
        return new SdkPurgeResult(result.DeletedInstanceCount);
    }

    /// <inheritdoc/>
    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private T Cast<T>() where T : class =>
        _client as T ?? throw new NotSupportedException($"The backend does not implement {typeof(T).Name}.");

    private Task SendAsync(string instanceId, HistoryEvent @event, CancellationToken cancellation)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        cancellation.ThrowIfCancellationRequested();
        return _client.SendTaskOrchestrationMessageAsync(new TaskMessage
        {
            OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId },
            Event = @event,
        });
    }

    /// <summary>
    /// The SDK's id-reuse rule: an unfinished instance holding the id is terminated (and awaited) unless its status
    /// is one the caller de-duplicates on, which fails.
    /// </summary>
    private async Task TerminateReusableAsync(string instanceId, OrchestrationStatus[]? dedupe, CancellationToken cancellation)
    {
        var existing = await GetInstancesAsync(instanceId, false, cancellation).ConfigureAwait(false);
        if (existing is null)
        {
            return;
        }

        var status = existing.RuntimeStatus.ToCore();
        if (dedupe?.Contains(status) ?? false)
        {
            throw new OrchestrationAlreadyExistsException($"An orchestration with instance id '{instanceId}' and status {existing.RuntimeStatus} already exists.");
        }

        if (Unfinished.Contains(status))
        {
            await TerminateInstanceAsync(
                instanceId,
                new TerminateInstanceOptions($"A new instance with id '{instanceId}' was scheduled.", true),
                cancellation).ConfigureAwait(false);
            await WaitForInstanceCompletionAsync(instanceId, cancellation: cancellation).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Sub-orchestrations an instance started (from its history, which every backend serves in DurableTask.Core's
    /// JSON form) that have not finished.
    /// </summary>
    private async Task<List<string>> UnfinishedChildrenAsync(string instanceId)
    {
        string json;
        try
        {
            json = await _client.GetOrchestrationHistoryAsync(instanceId, null!).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or NotSupportedException)
        {
            return [];
        }

        var children = new List<string>();
        if (string.IsNullOrEmpty(json) || JToken.Parse(json) is not JArray events)
        {
            return children;
        }

        foreach (var e in events.OfType<JObject>())
        {
            if (IsEvent(e, EventType.SubOrchestrationInstanceCreated) && e.Value<string>("InstanceId") is { Length: > 0 } child)
            {
                var state = await _client.GetOrchestrationStateAsync(child, allExecutions: false).ConfigureAwait(false);
                if (state is { Count: > 0 } && state[0] is { } childState && Unfinished.Contains(childState.OrchestrationStatus))
                {
                    children.Add(child);
                }
            }
        }

        return children;
    }

    private static bool IsEvent(JObject e, EventType type) => e["EventType"] switch
    {
        JValue { Type: JTokenType.Integer } v => (int)v == (int)type,
        JValue { Type: JTokenType.String } v => string.Equals((string?)v, type.ToString(), StringComparison.OrdinalIgnoreCase)
            || string.Equals((string?)v, ((int)type).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal),
        _ => false,
    };
}
