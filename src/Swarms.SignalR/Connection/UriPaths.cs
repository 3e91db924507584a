namespace Swarms.SignalR;

/// <summary>Joins an endpoint and a path with exactly one slash, keeping any path the endpoint has (a gateway prefix).</summary>
internal static class UriPaths
{
    /// <summary>Appends <paramref name="path"/> (which may start with a slash) to <paramref name="endpoint"/>.</summary>
    /// <param name="endpoint">An absolute endpoint, with or without a trailing slash.</param>
    /// <param name="path">A path, optionally with a query.</param>
    /// <returns>The joined URI.</returns>
    public static Uri Append(Uri endpoint, string path) =>
        new($"{endpoint.GetLeftPart(UriPartial.Path).TrimEnd('/')}/{path.TrimStart('/')}");
}
