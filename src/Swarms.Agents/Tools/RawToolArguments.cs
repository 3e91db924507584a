using System.Text;
using Microsoft.Extensions.AI;
using OpenAI.Chat;

namespace Swarms.Agents.Tools;

/// <summary>
/// The argument text of streamed tool calls exactly as the model sent it. Microsoft.Extensions.AI parses the arguments
/// when the stream ends and keeps only the parsed dictionary: arguments that are not valid JSON become a
/// <see cref="FunctionCallContent"/> with <c>Arguments = null</c> and an <c>Exception</c>, the text gone. The OpenAI and
/// Azure OpenAI clients leave each chunk in <see cref="ChatResponseUpdate.RawRepresentation"/>, so the fragments are
/// collected here to report what the model really sent. Other providers give no fragments; their calls report the error alone.
/// </summary>
internal sealed class RawToolArguments
{
    private readonly Dictionary<int, (string? Id, StringBuilder Text)> _byIndex = [];

    public void Observe(ChatResponseUpdate update)
    {
        if (update.RawRepresentation is not StreamingChatCompletionUpdate { ToolCallUpdates: { Count: > 0 } calls })
        {
            return;
        }

        foreach (var call in calls)
        {
            if (!_byIndex.TryGetValue(call.Index, out var entry))
            {
                entry = (null, new StringBuilder());
            }

            entry.Id ??= call.ToolCallId;
            if (call.FunctionArgumentsUpdate is { } fragment && !fragment.IsEmpty)
            {
                entry.Text.Append(fragment.ToString());
            }

            _byIndex[call.Index] = entry;
        }
    }

    /// <summary>The text sent for the call <paramref name="callId"/> in this model turn, or null when the provider gave none.</summary>
    public string? For(string callId)
    {
        foreach (var (id, text) in _byIndex.Values)
        {
            if (id == callId)
            {
                return text.ToString();
            }
        }

        return null;
    }

    public void Clear() => _byIndex.Clear();
}
