using Microsoft.AspNetCore.Builder;
using Swarms.Api.Http;

namespace Swarms.Host.Http;

/// <summary>Serves the web dashboard (<see cref="DashboardFiles"/>) at <c>/</c>, before keys are checked: the page needs none.</summary>
internal static class DashboardHosting
{
    public static WebApplication UseDashboard(this WebApplication app)
    {
        var files = DashboardFiles.Provider();
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        return app;
    }
}
