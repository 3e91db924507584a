using System.Net;

namespace Swarms.SignalR;

/// <summary>
/// Azure SignalR Service refused a REST call, or answered it in a way the client cannot use. The message names the
/// method, the path and the status, and carries up to 512 characters of the service's reply; it never contains a
/// token or a key.
/// </summary>
public sealed class SignalRRestException : Exception
{
    private const int MaxDetailLength = 512;

    /// <summary>Creates an exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="statusCode">The HTTP status the service answered with, if it answered.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public SignalRRestException(string message, HttpStatusCode? statusCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
    }

    /// <summary>Creates an exception with no status.</summary>
    public SignalRRestException()
    {
    }

    /// <summary>Creates an exception with no status.</summary>
    /// <param name="message">What went wrong.</param>
    public SignalRRestException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with no status.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying error.</param>
    public SignalRRestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// The HTTP status the service answered with; <see langword="null"/> when it did not answer (connection refused or
    /// closed, timeout). 404 on group membership means the connection is not (or no longer) connected.
    /// </summary>
    public HttpStatusCode? StatusCode { get; }

    internal static async Task<SignalRRestException> FromResponseAsync(
        HttpRequestMessage request,
        HttpResponseMessage response,
        string? hint,
        CancellationToken cancellationToken)
    {
        string detail;
        try
        {
            detail = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            detail = "";
        }

        if (detail.Length > MaxDetailLength)
        {
            detail = detail[..MaxDetailLength] + "...";
        }

        var status = (int)response.StatusCode;
        var message = $"Azure SignalR answered {request.Method} {request.RequestUri?.AbsolutePath} with {status} ({response.ReasonPhrase})";
        message += hint is null ? "." : $": {hint}.";
        if (detail.Length > 0)
        {
            message += $" Service reply: {detail}";
        }

        return new SignalRRestException(message, response.StatusCode);
    }
}
