namespace Swarms.Api.Validation;

/// <summary>
/// Swarm names as they appear in a route or a queue message. A name is only ever looked up among the known swarms,
/// never used as a path, so <c>../../etc/passwd</c> or <c>C:\x.json</c> is refused before anything else happens.
/// </summary>
public static class SwarmNames
{
    /// <summary>The longest swarm name.</summary>
    public const int MaxLength = 64;

    /// <summary>The rule, as told to a client.</summary>
    public const string Rule = "must be 1-64 characters: letters, digits, '-', '_', starting with a letter or digit";

    /// <summary>Whether <paramref name="name"/> can name a swarm.</summary>
    public static bool IsValid(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxLength || !char.IsAsciiLetterOrDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_'))
            {
                return false;
            }
        }

        return true;
    }
}
