namespace Swarms.Api.Validation;

/// <summary>
/// Run ids (the durable instance id of a run). A client may choose one (<c>runId</c>), so it is checked before it
/// reaches a backend: 1 to 100 characters, letters, digits and <c>- _ . :</c>, starting with a letter or digit. That
/// keeps ids safe in URLs, file names, Azure Table keys (which forbid <c>/ \ # ?</c> and control characters) and
/// queue-derived ids (<c>queue-{messageId}</c>).
/// </summary>
public static class RunIds
{
    /// <summary>The longest run id.</summary>
    public const int MaxLength = 100;

    /// <summary>The rule, as told to a client.</summary>
    public const string Rule = "must be 1-100 characters: letters, digits, '-', '_', '.', ':', starting with a letter or digit";

    /// <summary>Whether <paramref name="id"/> is a valid run id.</summary>
    public static bool IsValid(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxLength || !char.IsAsciiLetterOrDigit(id[0]))
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.' or ':'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Throws a 400 naming <paramref name="field"/> when <paramref name="id"/> is not a valid run id.</summary>
    /// <exception cref="ApiProblemException">The id is invalid.</exception>
    public static string Check(string? id, string field)
    {
        if (!IsValid(id))
        {
            throw ApiProblemException.BadRequest(field, Rule);
        }

        return id!;
    }

    /// <summary>The run id of a queue message that names none: the same for every delivery of that message.</summary>
    public static string FromQueueMessage(string messageId) => "queue-" + messageId;
}
