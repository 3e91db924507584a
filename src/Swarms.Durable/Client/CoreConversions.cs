using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Core = DurableTask.Core;

namespace Swarms.Durable.Client;

/// <summary>Between DurableTask.Core's types and the Durable Task SDK's.</summary>
internal static class CoreConversions
{
    public static OrchestrationRuntimeStatus ToSdk(this Core.OrchestrationStatus status) => status switch
    {
        Core.OrchestrationStatus.Running => OrchestrationRuntimeStatus.Running,
        Core.OrchestrationStatus.Completed => OrchestrationRuntimeStatus.Completed,
#pragma warning disable CS0618 // Obsolete statuses still exist on the wire.
        Core.OrchestrationStatus.ContinuedAsNew => OrchestrationRuntimeStatus.ContinuedAsNew,
        Core.OrchestrationStatus.Canceled => OrchestrationRuntimeStatus.Canceled,
#pragma warning restore CS0618
        Core.OrchestrationStatus.Failed => OrchestrationRuntimeStatus.Failed,
        Core.OrchestrationStatus.Terminated => OrchestrationRuntimeStatus.Terminated,
        Core.OrchestrationStatus.Pending => OrchestrationRuntimeStatus.Pending,
        Core.OrchestrationStatus.Suspended => OrchestrationRuntimeStatus.Suspended,
        _ => (OrchestrationRuntimeStatus)(int)status,
    };

    public static Core.OrchestrationStatus ToCore(this OrchestrationRuntimeStatus status) => status switch
    {
        OrchestrationRuntimeStatus.Running => Core.OrchestrationStatus.Running,
        OrchestrationRuntimeStatus.Completed => Core.OrchestrationStatus.Completed,
#pragma warning disable CS0618 // Obsolete statuses still exist on the wire.
        OrchestrationRuntimeStatus.ContinuedAsNew => Core.OrchestrationStatus.ContinuedAsNew,
        OrchestrationRuntimeStatus.Canceled => Core.OrchestrationStatus.Canceled,
#pragma warning restore CS0618
        OrchestrationRuntimeStatus.Failed => Core.OrchestrationStatus.Failed,
        OrchestrationRuntimeStatus.Terminated => Core.OrchestrationStatus.Terminated,
        OrchestrationRuntimeStatus.Pending => Core.OrchestrationStatus.Pending,
        OrchestrationRuntimeStatus.Suspended => Core.OrchestrationStatus.Suspended,
        _ => (Core.OrchestrationStatus)(int)status,
    };

    public static TaskFailureDetails? ToSdk(this Core.FailureDetails? details) =>
        details is null
            ? null
            : new TaskFailureDetails(details.ErrorType, details.ErrorMessage, details.StackTrace, details.InnerFailure.ToSdk(), details.Properties);

    /// <summary>
    /// Azure Storage keeps a failed instance's failure details in its output (DurableTask.Core's JSON form) rather
    /// than in <see cref="Core.OrchestrationState.FailureDetails"/>.
    /// </summary>
    private static Core.FailureDetails? FailureFromOutput(Core.OrchestrationState state)
    {
        if (state.OrchestrationStatus != Core.OrchestrationStatus.Failed || string.IsNullOrEmpty(state.Output))
        {
            return null;
        }

        try
        {
            if (Newtonsoft.Json.JsonConvert.DeserializeObject<Core.FailureDetails>(state.Output) is { ErrorType: not null } details)
            {
                return details;
            }
        }
        catch (Newtonsoft.Json.JsonException)
        {
        }

        return new Core.FailureDetails("OrchestrationFailed", state.Output, stackTrace: null, innerFailure: null, isNonRetriable: false);
    }

    public static OrchestrationMetadata ToMetadata(this Core.OrchestrationState state, DataConverter converter, bool getInputsAndOutputs) =>
        new(state.Name, state.OrchestrationInstance.InstanceId)
        {
            DataConverter = getInputsAndOutputs ? converter : null,
            RuntimeStatus = state.OrchestrationStatus.ToSdk(),
            CreatedAt = state.CreatedTime,
            LastUpdatedAt = state.LastUpdatedTime,
            SerializedInput = getInputsAndOutputs ? state.Input : null,
            SerializedOutput = getInputsAndOutputs ? state.Output : null,
            SerializedCustomStatus = getInputsAndOutputs ? state.Status : null,
            FailureDetails = (state.FailureDetails ?? FailureFromOutput(state)).ToSdk(),
            Tags = state.Tags is { } tags ? new Dictionary<string, string>(tags) : new Dictionary<string, string>(),
        };
}
