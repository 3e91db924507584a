using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Swarms.Functions;

// The isolated worker with ASP.NET Core integration (ConfigureFunctionsWebApplication), so HTTP functions take the
// same HttpRequest and return the same IResult as the local host's endpoints.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddSwarmsFunctions(builder.Configuration);
await builder.Build().RunAsync().ConfigureAwait(false);
