namespace Swarms.Api.DependencyInjection;

/// <summary>Where the app finds its swarms and how it builds management URLs.</summary>
public sealed class SwarmsApiOptions
{
    /// <summary>
    /// The directory whose <c>swarms/</c> folder (and its parents') hold the swarms run by name; default the current
    /// directory. The app's own folder (<see cref="AppContext.BaseDirectory"/>) is searched last, for the shipped swarms.
    /// </summary>
    public string SwarmsDirectory { get; set; } = Directory.GetCurrentDirectory();

    /// <summary>The key appended to management URLs as <c>code=</c> (the local host's <c>SWARMS_API_KEY</c>).</summary>
    public string? ApiKey { get; set; }
}
