namespace Swarms.Agents.Output;

/// <summary>
/// Finds the console output agents print through by default. An application that references the
/// <c>Swarms.Console</c> package gets its Spectre.Console panels and dashboard without a line of setup, as the seed's
/// <c>Agent(streaming_on=True)</c> does; one that does not prints nothing (the core has no console of its own).
/// </summary>
public static class ConsoleOutput
{
    /// <summary>The assembly-qualified name of the <c>Swarms.Console</c> output, looked up once when first needed.</summary>
    internal const string ConsolePackageType = "Swarms.Console.SpectreConsoleOutput, Swarms.Console";

    private static readonly Lazy<IConsoleOutput?> Discovered = new(Discover);
    private static IConsoleOutput? _override;

    /// <summary>
    /// The output used when <see cref="AgentOptions.Output"/> is not set: one set here, else the <c>Swarms.Console</c>
    /// package's when it is deployed with the app, else null (nothing is printed).
    /// </summary>
    public static IConsoleOutput? Default
    {
        get => _override ?? Discovered.Value;
        set => _override = value;
    }

    private static IConsoleOutput? Discover()
    {
        // A soft reference by name: the core must not depend on the console package, which depends on it.
        var type = Type.GetType(ConsolePackageType, throwOnError: false);
        return type is null ? null : Activator.CreateInstance(type) as IConsoleOutput;
    }
}
