namespace Swarms.Infra.Tests;

/// <summary>
/// Reads the block-mapping subset of YAML azure.yaml uses (nested <c>key: value</c>, comments) into dotted paths:
/// <c>services.api.host</c> = <c>function</c>. Enough to check the file without a YAML package.
/// </summary>
internal static class SimpleYaml
{
    public static Dictionary<string, string> Read(string path)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var parents = new List<(int Indent, string Key)>();
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Split(" #")[0].TrimEnd();
            if (line.TrimStart().Length == 0 || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            var indent = line.Length - line.TrimStart().Length;
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            Assert.True(colon > 0, $"{path}: not a 'key: value' line: {raw}");
            var key = line[indent..colon].Trim();
            var value = line[(colon + 1)..].Trim().Trim('"', '\'');
            parents.RemoveAll(p => p.Indent >= indent);
            var dotted = string.Join('.', parents.Select(p => p.Key).Append(key));
            if (value.Length == 0)
            {
                parents.Add((indent, key));
            }
            else
            {
                values[dotted] = value;
            }
        }

        return values;
    }
}
