namespace Swarms.Cli;

/// <summary>The process exit codes of <c>swarms</c>.</summary>
internal static class ExitCodes
{
    /// <summary>The run completed.</summary>
    public const int Ok = 0;

    /// <summary>The run failed (or some agents of a concurrent run failed).</summary>
    public const int RunFailed = 1;

    /// <summary>Bad usage: unknown command, swarm or option, invalid definition or settings.</summary>
    public const int Usage = 2;

    /// <summary>Cancelled with Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;
}
