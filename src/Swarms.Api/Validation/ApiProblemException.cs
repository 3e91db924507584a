namespace Swarms.Api.Validation;

/// <summary>
/// A request the app refuses: the HTTP status, the field at fault (a JSON path such as <c>$.task</c>, or the name of
/// a route value, query parameter or header) and what is wrong with it. Handlers turn it into an
/// <c>application/problem+json</c> response (<c>ApiResults.Problem</c>); the queue handler
/// into a poison message's reason. Never carries a stack trace or a secret.
/// </summary>
public sealed class ApiProblemException : Exception
{
    /// <summary>Creates the problem.</summary>
    /// <param name="status">The HTTP status (4xx).</param>
    /// <param name="field">The field at fault.</param>
    /// <param name="detail">What is wrong with it, as a sentence a user can act on.</param>
    public ApiProblemException(int status, string field, string detail)
        : base($"{field}: {detail}")
    {
        Status = status;
        Field = field;
        Detail = detail;
    }

    /// <summary>Creates a 400 problem.</summary>
    public ApiProblemException()
        : this(400, "$", "bad request")
    {
    }

    /// <summary>Creates a 400 problem about the whole body.</summary>
    public ApiProblemException(string message)
        : this(400, "$", message)
    {
    }

    /// <summary>Creates a 400 problem about the whole body.</summary>
    public ApiProblemException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = 400;
        Field = "$";
        Detail = message;
    }

    /// <summary>The HTTP status.</summary>
    public int Status { get; }

    /// <summary>The field at fault.</summary>
    public string Field { get; }

    /// <summary>What is wrong with it.</summary>
    public string Detail { get; }

    /// <summary>400: the field is invalid.</summary>
    public static ApiProblemException BadRequest(string field, string detail) => new(400, field, detail);

    /// <summary>404: what the field names does not exist.</summary>
    public static ApiProblemException NotFound(string field, string detail) => new(404, field, detail);
}
