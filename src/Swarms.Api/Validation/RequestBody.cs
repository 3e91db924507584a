using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Swarms.Agents.Workflows.Definitions;

namespace Swarms.Api.Validation;

/// <summary>
/// Reads a request body as one JSON document, with a size limit checked before and while reading (a 10 MB body is
/// refused with 413 after reading at most the limit, not buffered whole).
/// </summary>
internal static class RequestBody
{
    /// <summary>The largest JSON body the app reads (1 MiB: a swarm definition with long prompts fits many times over).</summary>
    public const int MaxBytes = 1024 * 1024;

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 32 };

    /// <summary>Reads and parses the body.</summary>
    /// <exception cref="ApiProblemException">413 too large, 400 empty or not JSON (naming line and column).</exception>
    public static async Task<JsonDocument> ReadJsonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength is > MaxBytes)
        {
            throw TooLarge(request.ContentLength.Value);
        }

        var buffer = new ArrayBufferWriter<byte>(4096);
        while (true)
        {
            var memory = buffer.GetMemory(16 * 1024);
            int read;
            try
            {
                read = await request.Body.ReadAsync(memory, cancellationToken).ConfigureAwait(false);
            }
            catch (BadHttpRequestException ex)
            {
                throw new ApiProblemException(ex.StatusCode, "body", $"could not be read: {ex.Message}");
            }

            if (read == 0)
            {
                break;
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > MaxBytes)
            {
                throw TooLarge(null);
            }
        }

        if (buffer.WrittenCount == 0)
        {
            throw ApiProblemException.BadRequest("body", "is empty; send a JSON object");
        }

        try
        {
            return JsonDocument.Parse(buffer.WrittenMemory, Options);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" at line {line + 1}, column {(ex.BytePositionInLine ?? 0) + 1}" : "";
            throw ApiProblemException.BadRequest("body", $"is not valid JSON{where}: {SwarmDefinitionLoader.DescribeJsonError(ex.Message)}");
        }
    }

    private static ApiProblemException TooLarge(long? length) =>
        new(StatusCodes.Status413PayloadTooLarge, "body", length is { } n
            ? $"is {n:N0} bytes; the limit is {MaxBytes:N0} bytes"
            : $"is larger than the limit of {MaxBytes:N0} bytes");
}
