using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace Swarms.Api.Http;

/// <summary>
/// The web dashboard (the repository's <c>wwwroot/</c>, copied next to each host's binary): plain HTML and JavaScript
/// with the SignalR JavaScript client, no build step. The local host serves it with the static files middleware over
/// <see cref="Provider"/>; the Functions app with <see cref="Serve"/> from a catch-all trigger. No key is needed for
/// the page; it sends the <c>code</c> of its own URL with every API call.
/// </summary>
public static class DashboardFiles
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    /// <summary>The folder the files are served from.</summary>
    public static string Root { get; } = Path.Combine(AppContext.BaseDirectory, "wwwroot");

    /// <summary>The files, for the static files middleware.</summary>
    public static IFileProvider Provider() => Directory.Exists(Root) ? new PhysicalFileProvider(Root) : new NullFileProvider();

    /// <summary>
    /// <c>GET /{path}</c>: the file at <paramref name="path"/> (<c>index.html</c> for the root); a problem 404 for
    /// anything else, API paths included.
    /// </summary>
    public static IResult Serve(HttpRequest request, string? path)
    {
        ArgumentNullException.ThrowIfNull(request);
        var relative = string.IsNullOrEmpty(path) ? "index.html" : path;
        var info = Provider().GetFileInfo(relative); // PhysicalFileProvider refuses paths that leave the root
        if (!info.Exists || info.IsDirectory || info.PhysicalPath is null)
        {
            return ApiResults.Problem(StatusCodes.Status404NotFound, "path", $"no route {request.Method} {request.Path}");
        }

        var type = ContentTypes.TryGetContentType(info.Name, out var known) ? known : "application/octet-stream";
        return Results.File(info.PhysicalPath, type);
    }
}
