using System.Text;

namespace Swarms.Console.Dashboard;

/// <summary>Wraps text to a width and keeps its last lines: what a dashboard row shows of a long answer.</summary>
internal static class TextTail
{
    /// <summary>The last <paramref name="maxLines"/> lines of <paramref name="text"/> wrapped at word boundaries to <paramref name="width"/> columns.</summary>
    public static string Last(string text, int width, int maxLines)
    {
        width = Math.Max(8, width);
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            Wrap(paragraph.TrimEnd('\r'), width, lines);
        }

        // Trailing blank lines would only push the text up.
        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        int skip = Math.Max(0, lines.Count - maxLines);
        return string.Join('\n', lines.Skip(skip));
    }

    private static void Wrap(string paragraph, int width, List<string> lines)
    {
        if (paragraph.Length == 0)
        {
            lines.Add("");
            return;
        }

        var line = new StringBuilder(width);
        foreach (var word in paragraph.Split(' '))
        {
            var rest = word.AsSpan();
            while (rest.Length > width)
            {
                Flush(line, lines);
                lines.Add(rest[..width].ToString());
                rest = rest[width..];
            }

            if (line.Length > 0 && line.Length + 1 + rest.Length > width)
            {
                Flush(line, lines);
            }

            if (line.Length > 0)
            {
                line.Append(' ');
            }

            line.Append(rest);
        }

        Flush(line, lines);
    }

    private static void Flush(StringBuilder line, List<string> lines)
    {
        if (line.Length > 0)
        {
            lines.Add(line.ToString());
            line.Clear();
        }
    }
}
