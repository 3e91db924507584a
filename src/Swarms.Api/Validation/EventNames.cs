namespace Swarms.Api.Validation;

/// <summary>External event names in the management API (<c>raiseEvent/{eventName}</c>).</summary>
internal static class EventNames
{
    public const string Rule = "must be 1-100 characters: letters, digits, '-', '_', '.', ':' (an approval is approval:{agent})";

    public static bool IsValid(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= 100 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');
}
