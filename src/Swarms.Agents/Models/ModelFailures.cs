using System.ClientModel;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Swarms.Agents;

/// <summary>Which model failures are worth another attempt, and how long to wait before it.</summary>
internal static partial class ModelFailures
{
    /// <summary>429, 408, 5xx, connection failures, a stream cut mid-way and timeouts are transient; the rest (400, 401, 404...) are not.</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        ClientResultException { Status: 0 or 408 or 429 or >= 500 } => true,
        ClientResultException => false,
        HttpRequestException { StatusCode: null } => true,
        HttpRequestException { StatusCode: var code } => code is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout or >= HttpStatusCode.InternalServerError,
        IOException or TimeoutException or OperationCanceledException => true,
        AggregateException { InnerException: { } inner } => IsTransient(inner),
        _ => exception.InnerException is { } cause && IsTransient(cause),
    };

    /// <summary>Exponential backoff from <paramref name="first"/>, or the server's Retry-After when longer; never above <paramref name="max"/>.</summary>
    public static TimeSpan Backoff(Exception exception, int attempt, TimeSpan first, TimeSpan max)
    {
        var exponential = TimeSpan.FromTicks((long)Math.Min(first.Ticks * Math.Pow(2, attempt - 1), max.Ticks));
        var asked = RetryAfter(exception);
        var delay = asked is { } a && a > exponential ? a : exponential;
        return delay > max ? max : delay;
    }

    /// <summary>The delay a 429/503 response asked for (<c>retry-after-ms</c> or <c>Retry-After</c> seconds or date).</summary>
    public static TimeSpan? RetryAfter(Exception exception)
    {
        var response = (exception as ClientResultException)?.GetRawResponse();
        if (response is null)
        {
            return null;
        }

        if (response.Headers.TryGetValue("retry-after-ms", out var ms) &&
            double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var millis))
        {
            return TimeSpan.FromMilliseconds(millis);
        }

        if (!response.Headers.TryGetValue("Retry-After", out var value) || value is null)
        {
            return null;
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at - DateTimeOffset.UtcNow
            : null;
    }

    /// <summary>A one-line description of the failure for events and logs.</summary>
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var message = string.Join(' ', exception.Message.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return exception switch
        {
            // The SDK's own message starts "HTTP 429 (type: code)": say it once, without empty parts or a code that
            // only repeats the status ("HTTP 429 (rate_limit: )" becomes "HTTP 429 (rate_limit): message").
            ClientResultException { Status: > 0 } cre when SdkMessage().Match(message) is { Success: true } m =>
                Tidy(cre.Status, m.Groups["type"].Value, m.Groups["code"].Value, m.Groups["message"].Value),
            ClientResultException { Status: > 0 } cre when message.StartsWith($"HTTP {cre.Status}", StringComparison.Ordinal) => message,
            ClientResultException { Status: > 0 } cre => $"HTTP {cre.Status}: {message}",
            OperationCanceledException => $"timed out: {message}",
            _ => $"{exception.GetType().Name}: {message}",
        };
    }

    private static string Tidy(int status, string type, string code, string message)
    {
        var parts = new[] { type.Trim(), code.Trim() }
            .Where(p => p.Length > 0 && p != status.ToString(CultureInfo.InvariantCulture))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var head = parts.Count == 0 ? $"HTTP {status}" : $"HTTP {status} ({string.Join(", ", parts)})";
        return message.Trim().Length == 0 ? head : $"{head}: {message.Trim()}";
    }

    [GeneratedRegex(@"^HTTP \d+ \((?<type>[^:)]*):?(?<code>[^)]*)\)\s*(?<message>.*)$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex SdkMessage();
}
