using Swarms.Agents.Tools.Mcp;

namespace Swarms.Agents.Tests.Fakes;

/// <summary>Definitions that start tests/Swarms.McpTestServer (a real MCP server over stdio) with <c>dotnet</c>.</summary>
public static class McpTestServer
{
    public static string Dll { get; } = Find();

    /// <summary>The server in <paramref name="mode"/> (none, --exit, --hang, --fail-list); <paramref name="visits"/> is its SWARMS_MCP_LOG.</summary>
    public static McpServerDefinition Definition(string name = "test", string? mode = null, string? visits = null, TimeSpan? startTimeout = null) =>
        new(name)
        {
            Command = "dotnet",
            Arguments = mode is null ? [Dll] : [Dll, mode],
            Environment = visits is null ? null : new Dictionary<string, string> { ["SWARMS_MCP_LOG"] = visits },
            StartTimeout = startTimeout,
        };

    /// <summary>How many times record_visit ran (lines of its log).</summary>
    public static int Visits(string log) => File.Exists(log) ? File.ReadAllLines(log).Length : 0;

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Swarms.Functions.sln")))
        {
            dir = dir.Parent;
        }

        var bin = Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Swarms.Functions.sln not found"), "tests", "Swarms.McpTestServer", "bin");
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(bin, configuration, "net10.0", "Swarms.McpTestServer.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"The MCP test server is not built: {dll}");
    }
}
