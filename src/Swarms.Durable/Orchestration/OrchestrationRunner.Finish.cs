using Swarms.Durable.History;
using Swarms.Durable.Storage;

namespace Swarms.Durable.Orchestration;

/// <summary>Turns the episode's state into its result: status, output, new work and messages.</summary>
internal sealed partial class OrchestrationRunner
{
    private void Finish(EpisodeResult result)
    {
        result.CustomStatus = _customStatus;
        if (_terminated is not null)
        {
            End(result, OrchestrationRuntimeStatus.Terminated, _terminated.Reason, null);
            return;
        }

        if (_engineFailure is not null)
        {
            End(result, OrchestrationRuntimeStatus.Failed, null, _engineFailure);
            return;
        }

        if (_orchestratorTask is null || !_orchestratorTask.IsCompleted)
        {
            result.Status = _started is null ? OrchestrationRuntimeStatus.Pending
                : _suspended ? OrchestrationRuntimeStatus.Suspended : OrchestrationRuntimeStatus.Running;
            EmitNewActions(result);
            return;
        }

        if (!_orchestratorTask.IsCompletedSuccessfully)
        {
            var error = _orchestratorTask.Exception?.InnerException
                ?? new TaskCanceledException("The orchestrator's task was canceled.");
            End(result, OrchestrationRuntimeStatus.Failed, null, TaskFailureDetails.FromException(error));
            return;
        }

        if (_continueAsNew is { } next)
        {
            result.Status = OrchestrationRuntimeStatus.Running;
            result.ContinuedAsNew = true;
            result.NewInput = next.Input;
            result.Appended.Add(new ContinueAsNew(next.Input) { Timestamp = _now });
            result.Messages.Add(new OutboundMessage(
                _instanceId,
                new ExecutionStarted(_started!.Name, next.Input, _started.ParentInstanceId, _started.ParentTaskId) { Timestamp = _now },
                _now));
            if (next.Preserve)
            {
                result.Messages.AddRange(_buffered.Select(e => new OutboundMessage(_instanceId, e, _now)));
            }

            return;
        }

        string? output;
        try
        {
            output = DataConverter.Serialize(_orchestratorTask.Result);
        }
        catch (NotSupportedException ex)
        {
            End(result, OrchestrationRuntimeStatus.Failed, null, TaskFailureDetails.FromException(ex));
            return;
        }

        End(result, OrchestrationRuntimeStatus.Completed, output, null);
    }

    /// <summary>Records the final event and tells a parent orchestration, if any.</summary>
    private void End(EpisodeResult result, OrchestrationRuntimeStatus status, string? output, TaskFailureDetails? failure)
    {
        result.Status = status;
        result.Output = output;
        result.Failure = failure;
        result.Appended.Add(new ExecutionCompleted(status, output, failure) { Timestamp = _now });
        if (_started?.ParentInstanceId is not { } parent)
        {
            return;
        }

        HistoryEvent message = status == OrchestrationRuntimeStatus.Completed
            ? new SubOrchestrationInstanceCompleted(_started.ParentTaskId, output)
            : new SubOrchestrationInstanceFailed(
                _started.ParentTaskId,
                failure ?? new TaskFailureDetails("Terminated", $"The sub-orchestration was terminated: {output}"));
        result.Messages.Add(new OutboundMessage(parent, message with { Timestamp = _now }, _now));
    }

    /// <summary>Decisions the code made that history does not have yet become new history and new work.</summary>
    private void EmitNewActions(EpisodeResult result)
    {
        foreach (var action in _actions.Values)
        {
            if (action.Matched)
            {
                continue;
            }

            var e = action.Event with { Timestamp = _now };
            result.Appended.Add(e);
            switch (e)
            {
                case TaskScheduled t:
                    result.Activities.Add(t);
                    break;
                case TimerCreated t:
                    result.Messages.Add(new OutboundMessage(_instanceId, new TimerFired(t.TaskId, t.FireAt) { Timestamp = t.FireAt }, t.FireAt));
                    break;
                case SubOrchestrationInstanceCreated s:
                    result.SubOrchestrations.Add(new NewSubOrchestration(
                        s.InstanceId, new ExecutionStarted(s.Name, s.Input, _instanceId, s.TaskId) { Timestamp = _now }));
                    break;
                default:
                    break;
            }
        }
    }
}
