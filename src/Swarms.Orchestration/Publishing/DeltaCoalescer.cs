using System.Text;
using Swarms.Agents.Streaming;

namespace Swarms.Orchestration.Publishing;

/// <summary>
/// The events waiting for the next flush, with consecutive text (or reasoning) deltas of one agent's attempt merged
/// into one delta: the first delta's record, its text extended. Order is kept: any other event closes the delta
/// being merged, and marks the batch urgent (status changes are not held back).
/// </summary>
internal sealed class DeltaCoalescer
{
    private readonly StringBuilder _merged = new();
    private List<SwarmEvent> _events = new(8);
    private AgentEvent? _head; // the delta being merged into
    private int _headParts;

    /// <summary>Characters of delta text waiting.</summary>
    public int TextChars { get; private set; }

    /// <summary>An event other than a delta is waiting: flush without waiting for the window.</summary>
    public bool Urgent { get; private set; }

    public bool IsEmpty => _events.Count == 0 && _head is null;

    public void Add(SwarmEvent evt)
    {
        switch (evt)
        {
            case TextDelta delta:
                Merge(delta, delta.Delta, _head is TextDelta h && h.Attempt == delta.Attempt && string.Equals(h.Agent, delta.Agent, StringComparison.Ordinal));
                break;
            case ReasoningDelta delta:
                Merge(delta, delta.Delta, _head is ReasoningDelta r && r.Attempt == delta.Attempt && string.Equals(r.Agent, delta.Agent, StringComparison.Ordinal));
                break;
            default:
                Close();
                _events.Add(evt);
                Urgent = true;
                break;
        }
    }

    /// <summary>Takes every waiting event, in order, and starts empty.</summary>
    public List<SwarmEvent> Take()
    {
        Close();
        var taken = _events;
        _events = new List<SwarmEvent>(8);
        TextChars = 0;
        Urgent = false;
        return taken;
    }

    private void Merge(AgentEvent delta, string text, bool continues)
    {
        if (!continues)
        {
            Close();
            _head = delta;
            _headParts = 1;
        }
        else
        {
            if (_headParts == 1)
            {
                _merged.Clear().Append(HeadText());
            }

            _merged.Append(text);
            _headParts++;
        }

        TextChars += text.Length;
    }

    private string HeadText() => _head switch
    {
        TextDelta t => t.Delta,
        ReasoningDelta r => r.Delta,
        _ => "",
    };

    private void Close()
    {
        if (_head is null)
        {
            return;
        }

        // One delta stays the record the agent made; several become one record with the text joined.
        _events.Add(_headParts == 1 ? _head : _head switch
        {
            TextDelta t => t with { Delta = _merged.ToString() },
            ReasoningDelta r => r with { Delta = _merged.ToString() },
            _ => _head,
        });
        _head = null;
        _headParts = 0;
    }
}
