using Swarms.Agents.Streaming;

namespace Swarms.Api.Live;

/// <summary>
/// The AG-UI event name of each event (the SSE <c>event:</c> field), so AG-UI clients can follow a run
/// (DESIGN.md §4). The <c>data:</c> is the event's one JSON form, whose <c>type</c> keeps the exact kind.
/// </summary>
public static class AgUiEventNames
{
    /// <summary>The AG-UI name of <paramref name="evt"/>; <c>CUSTOM</c> for kinds AG-UI has no name for.</summary>
    public static string Of(SwarmEvent evt) => evt switch
    {
        RunStarted => "RUN_STARTED",
        AgentStarted => "STEP_STARTED",
        TextDelta => "TEXT_MESSAGE_CONTENT",
        ReasoningDelta => "THINKING_TEXT_MESSAGE_CONTENT",
        ToolCall => "TOOL_CALL_START",
        ToolResult => "TOOL_CALL_RESULT",
        AgentCompleted => "STEP_FINISHED",
        RunCompleted => "RUN_FINISHED",
        RunFailed => "RUN_ERROR",
        _ => "CUSTOM",
    };
}
