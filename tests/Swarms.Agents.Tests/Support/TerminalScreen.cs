using System.Text;

namespace Swarms.Agents.Tests.Support;

/// <summary>
/// A minimal terminal emulator: replays captured ANSI output (text, CR/LF, cursor up/down/left/right/column,
/// erase line/display; colours and modes ignored) and returns what is left on the screen. It lets a test see
/// the screen after a live region has been cleared, rather than every frame ever written.
/// </summary>
internal static class TerminalScreen
{
    public static IReadOnlyList<string> Render(string output)
    {
        var rows = new List<StringBuilder> { new() };
        int row = 0, col = 0;
        for (int i = 0; i < output.Length; i++)
        {
            char c = output[i];
            if (c == '\u001b')
            {
                i = Escape(output, i, rows, ref row, ref col);
                continue;
            }

            switch (c)
            {
                case '\r':
                    col = 0;
                    break;
                case '\n':
                    row++;
                    col = 0;
                    break;
                default:
                    Ensure(rows, row);
                    var line = rows[row];
                    while (line.Length < col)
                    {
                        line.Append(' ');
                    }

                    if (col < line.Length)
                    {
                        line[col] = c;
                    }
                    else
                    {
                        line.Append(c);
                    }

                    col++;
                    break;
            }
        }

        var result = rows.Select(r => r.ToString().TrimEnd()).ToList();
        while (result.Count > 0 && result[^1].Length == 0)
        {
            result.RemoveAt(result.Count - 1);
        }

        return result;
    }

    /// <summary>The text inside panel borders (<c>│ text │</c>), one line per panel row, joined with newlines.</summary>
    public static string PanelText(IEnumerable<string> screen) =>
        string.Join('\n', screen
            .Where(l => l.StartsWith('│') && l.EndsWith('│'))
            .Select(l => l[1..^1].Trim()));

    private static int Escape(string s, int i, List<StringBuilder> rows, ref int row, ref int col)
    {
        if (i + 1 >= s.Length)
        {
            return i;
        }

        if (s[i + 1] == ']')
        {
            // OSC (links): up to BEL or ESC \.
            int j = i + 2;
            while (j < s.Length && s[j] != '\a' && !(s[j] == '\u001b' && j + 1 < s.Length && s[j + 1] == '\\'))
            {
                j++;
            }

            return j < s.Length && s[j] == '\u001b' ? j + 1 : j;
        }

        if (s[i + 1] != '[')
        {
            return i + 1;
        }

        int k = i + 2;
        while (k < s.Length && (char.IsDigit(s[k]) || s[k] == ';' || s[k] == '?'))
        {
            k++;
        }

        var args = s[(i + 2)..k].TrimStart('?');
        int n = int.TryParse(args.Split(';')[0], out var v) ? v : 0;
        switch (s[k])
        {
            case 'A':
                row = Math.Max(0, row - Math.Max(1, n));
                break;
            case 'B':
                row += Math.Max(1, n);
                break;
            case 'C':
                col += Math.Max(1, n);
                break;
            case 'D':
                col = Math.Max(0, col - Math.Max(1, n));
                break;
            case 'G':
                col = Math.Max(0, n - 1);
                break;
            case 'K':
                Ensure(rows, row);
                if (n == 2)
                {
                    rows[row].Clear();
                }
                else if (n == 0 && col < rows[row].Length)
                {
                    rows[row].Length = col;
                }

                break;
            case 'J':
                Ensure(rows, row);
                if (n == 0)
                {
                    if (col < rows[row].Length)
                    {
                        rows[row].Length = col;
                    }

                    rows.RemoveRange(row + 1, rows.Count - row - 1);
                }
                else if (n >= 2)
                {
                    rows.Clear();
                    rows.Add(new());
                    row = 0;
                    col = 0;
                }

                break;
        }

        return k;
    }

    private static void Ensure(List<StringBuilder> rows, int row)
    {
        while (rows.Count <= row)
        {
            rows.Add(new());
        }
    }
}
