using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Swarms.Agents.Configuration;
using Swarms.Api.Configuration;

namespace Swarms.Host.Configuration;

/// <summary>
/// Reads the app's files the way the Functions host does, from the content root (the working directory):
/// <c>host.json</c> (durable, queue and logging settings) and <c>local.settings.json</c>'s <c>Values</c> (flat
/// settings). Both go under every other source, so environment variables and the command line win.
/// </summary>
internal static class HostConfiguration
{
    public const string LocalSettingsFileName = "local.settings.json";

    /// <summary>Adds the files below the builder's existing sources and returns host.json's settings.</summary>
    public static HostJson AddAppFiles(IConfigurationBuilder configuration, string contentRoot)
    {
        var hostJsonPath = Path.Combine(contentRoot, HostJson.FileName);
        var hostJson = HostJson.Load(File.Exists(hostJsonPath) ? hostJsonPath : Path.Combine(AppContext.BaseDirectory, HostJson.FileName));

        var lowest = new ConfigurationBuilder().AddLocalSettingsValues(Path.Combine(contentRoot, LocalSettingsFileName)).Sources[0];
        var levels = new MemoryConfigurationSource
        {
            InitialData = hostJson.LogLevels.ToDictionary(
                kv => "Logging:LogLevel:" + (kv.Key.Equals("default", StringComparison.OrdinalIgnoreCase) ? "Default" : kv.Key),
                kv => (string?)kv.Value),
        };

        // Keys and URLs must never reach the logs: ASP.NET Core logs each request's URL (with ?code=) at Information.
        var quiet = new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?> { ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning" },
        };
        configuration.Sources.Insert(0, quiet);
        configuration.Sources.Insert(1, levels);
        configuration.Sources.Insert(2, lowest);
        return hostJson;
    }
}
