using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Swarms.Api.Validation;

namespace Swarms.Api.Http;

/// <summary>
/// The responses of the app, written the same way by both hosts (an <see cref="IResult"/> runs in the Functions
/// app's ASP.NET Core integration as in the local host): JSON bodies with <see cref="ApiJson.Options"/>, and errors as
/// <c>application/problem+json</c> whose <c>errors</c> object names the field at fault.
/// </summary>
public static class ApiResults
{
    /// <summary>The content type of every error.</summary>
    public const string ProblemContentType = "application/problem+json";

    /// <summary>A JSON body.</summary>
    public static IResult Json(object? body, int status = StatusCodes.Status200OK, IReadOnlyDictionary<string, string>? headers = null) =>
        new JsonBodyResult(body, status, headers, "application/json; charset=utf-8");

    /// <summary>The problem as <c>application/problem+json</c>: <c>{type, title, status, detail, errors: {field: [detail]}}</c>.</summary>
    public static IResult Problem(ApiProblemException problem, IReadOnlyDictionary<string, string>? headers = null, IDictionary<string, object?>? extensions = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return Problem(problem.Status, problem.Field, problem.Detail, headers, extensions);
    }

    /// <summary>A problem naming <paramref name="field"/>.</summary>
    public static IResult Problem(int status, string field, string detail, IReadOnlyDictionary<string, string>? headers = null, IDictionary<string, object?>? extensions = null)
    {
        var body = new ProblemDetails
        {
            Type = TypeOf(status),
            Title = ReasonPhrases.GetReasonPhrase(status),
            Status = status,
            Detail = $"{field}: {detail}",
        };
        body.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [detail] };
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
        {
            body.Extensions[key] = value;
        }

        return new JsonBodyResult(body, status, headers, ProblemContentType);
    }

    private static string TypeOf(int status) => status switch
    {
        400 => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        401 => "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        404 => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        405 => "https://tools.ietf.org/html/rfc9110#section-15.5.6",
        409 => "https://tools.ietf.org/html/rfc9110#section-15.5.10",
        410 => "https://tools.ietf.org/html/rfc9110#section-15.5.11",
        413 => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        415 => "https://tools.ietf.org/html/rfc9110#section-15.5.16",
        503 => "https://tools.ietf.org/html/rfc9110#section-15.6.4",
        _ => "about:blank",
    };

    private sealed class JsonBodyResult(object? body, int status, IReadOnlyDictionary<string, string>? headers, string contentType) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => status;

        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = status;
            foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            {
                response.Headers[name] = value;
            }

            response.ContentType = contentType;
            await JsonSerializer.SerializeAsync(response.Body, body, body?.GetType() ?? typeof(object), ApiJson.Options, httpContext.RequestAborted).ConfigureAwait(false);
        }
    }
}
