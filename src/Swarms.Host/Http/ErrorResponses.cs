using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Swarms.Api.Http;

namespace Swarms.Host.Http;

/// <summary>
/// What the host answers when no handler does: an unknown route (404, naming the path), a known route with another
/// method (405, naming the method and the allowed ones), a body Kestrel refuses, and, as a last resort, an unexpected
/// failure (500 naming the trace id, never a stack trace). Always <c>application/problem+json</c>.
/// </summary>
internal static class ErrorResponses
{
    public static void UseProblemResponses(this WebApplication app)
    {
        app.UseExceptionHandler(error => error.Run(context =>
        {
            var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
            if (exception is BadHttpRequestException bad)
            {
                return ApiResults.Problem(bad.StatusCode, "request", bad.StatusCode == 413 ? "the body is too large" : "the request could not be read").ExecuteAsync(context);
            }

            if (exception is OperationCanceledException && context.RequestAborted.IsCancellationRequested)
            {
                return Task.CompletedTask;
            }

            return ApiResults.Problem(500, "server", $"an unexpected error; the host's log has it under trace id {context.TraceIdentifier}").ExecuteAsync(context);
        }));

        app.UseStatusCodePages(async status =>
        {
            var context = status.HttpContext;
            var request = context.Request;
            var result = context.Response.StatusCode switch
            {
                404 => ApiResults.Problem(404, "path", $"no route {request.Method} {request.Path}"),
                405 => ApiResults.Problem(405, "method", $"{request.Method} is not allowed on {request.Path}{Allowed(context)}"),
                var code => ApiResults.Problem(code, "request", "refused"),
            };
            await result.ExecuteAsync(context).ConfigureAwait(false);
        });
    }

    private static string Allowed(HttpContext context)
    {
        var allow = context.Response.Headers.Allow.ToString();
        if (allow.Length > 0)
        {
            return $" (allowed: {allow})";
        }

        var endpoint = context.GetEndpoint();
        var methods = endpoint?.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods;
        return methods is { Count: > 0 } ? $" (allowed: {string.Join(", ", methods)})" : "";
    }
}
