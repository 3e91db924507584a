namespace Swarms.Cli;

/// <summary>The command line asks for something that cannot be done; reported on stderr with exit code 2.</summary>
internal sealed class CliUsageException(string message) : Exception(message);
