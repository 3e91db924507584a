using Swarms.Agents.Streaming;

namespace Swarms.Console;

/// <summary>
/// An agent's tool activity as lines (<see cref="ToolText"/>): a call's line gets its result when it arrives. Tool
/// events are never retracted, so a retry (the reset rule) keeps them. Not thread-safe: its owner locks.
/// </summary>
internal sealed class ToolLines
{
    /// <summary>Most lines kept: an agent in a long tool loop shows its latest calls.</summary>
    public const int MaxLines = 20;

    private readonly List<(string? CallId, string Line)> _lines = [];

    /// <summary>Tool calls seen.</summary>
    public int Calls { get; private set; }

    public int Count => _lines.Count;

    /// <summary>Applies a tool event; false for any other event.</summary>
    public bool Apply(SwarmEvent evt)
    {
        switch (evt)
        {
            case ToolCall call:
                Calls++;
                Add(call.CallId, ToolText.Call(call));
                return true;
            case ToolResult result:
                int i = _lines.FindLastIndex(l => l.CallId == result.CallId);
                if (i >= 0)
                {
                    _lines[i] = (result.CallId, ToolText.WithResult(_lines[i].Line, result));
                }
                else
                {
                    Add(result.CallId, $"⚙ {result.Name} {ToolText.Result(result)}");
                }

                return true;
            case ToolLimitReached limit:
                Add(null, ToolText.Limit(limit));
                return true;
            default:
                return false;
        }
    }

    /// <summary>Forgets the lines (a new loop of the agent starts a new panel).</summary>
    public void Clear()
    {
        _lines.Clear();
        Calls = 0;
    }

    /// <summary>The lines, oldest first.</summary>
    public IReadOnlyList<string> Lines => [.. _lines.Select(l => l.Line)];

    /// <summary>The latest line, or null.</summary>
    public string? Last => _lines.Count == 0 ? null : _lines[^1].Line;

    private void Add(string? callId, string line)
    {
        _lines.Add((callId, line));
        if (_lines.Count > MaxLines)
        {
            _lines.RemoveAt(0);
        }
    }
}
