using Swarms.Host;

// The app without Azure Functions Core Tools: http://localhost:7071 unless --urls or ASPNETCORE_URLS say otherwise.
var app = SwarmsHost.Build(args);
await app.RunAsync().ConfigureAwait(false);
