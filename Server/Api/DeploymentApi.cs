using ContainerCd.Runtime.Delivery.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ContainerCd.Server.Api;

/// <summary>
/// Deployment records under <c>/api/deployments</c>: every project with its latest deployment, a project's history,
/// and the router's live routes for a project. A build's own deployments are in <c>/api/jobs/J/builds/N</c>. See docs/api.md.
/// </summary>
internal static class DeploymentApi
{
    public static void MapDeploymentApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/deployments", (ServerContext server) =>
            Results.Ok(server.Store.GetLatestDeployments().Select(d => new DeploymentProjectView(d.Project, d.Weights, DeploymentView.Of(d)))));
        app.MapGet("/api/deployments/{project}", (ServerContext server, string project, int? limit) =>
        {
            var deployments = server.Store.GetProjectDeployments(project, Math.Clamp(limit ?? 50, 1, 500));
            return deployments.Count == 0
                ? Results.NotFound(new ErrorResponse($"No deployment of project '{project}'"))
                : Results.Ok(new DeploymentHistoryView(project, deployments[0].Weights, [.. deployments.Select(DeploymentView.Of)]));
        });
        app.MapGet("/api/deployments/{project}/routes", async (RouterAccess router, string project, CancellationToken cancellationToken) =>
            Results.Ok(await RoutesAsync(router.Router, project, cancellationToken).ConfigureAwait(false)));
    }

    /// <summary>The build's <c>deployments</c> in <c>/api/jobs/J/builds/N</c>.</summary>
    public static IReadOnlyList<DeploymentView> ForBuild(ServerContext server, string job, int number) =>
        [.. server.Store.GetBuildDeployments(job, number).Select(DeploymentView.Of)];

    private static async Task<ProjectRoutesView> RoutesAsync(IRouterControl? router, string project, CancellationToken cancellationToken)
    {
        if (router is null)
        {
            return new ProjectRoutesView(project, false, "router not running", []);
        }

        IReadOnlyList<RouteStatus> routes;
        try
        {
            routes = await router.ListAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or InvalidOperationException or TimeoutException)
        {
            return new ProjectRoutesView(project, false, "router not running: " + e.Message, []);
        }

        return new ProjectRoutesView(project, true, null, [.. routes
            .Where(r => r.Table.Project == project)
            .OrderBy(r => r.Table.PublicPort)
            .Select(r => new RouteView(r.Table.Service, r.Table.PublicPort, [.. r.Table.Pools.Select(p => new PoolView(
                p.Name,
                p.Weight,
                [.. r.Backends.Where(b => b.Pool == p.Name).Select(b => new BackendView(b.Address.ToString(), b.Healthy, b.InFlight, b.Served))]))]))]);
    }
}

/// <summary>
/// The router the server asks for live routes: the one the seams give, else the home's own router once the home has
/// routes (asking never starts a router for a home that deployed nothing); null means "router not running".
/// </summary>
internal sealed class RouterAccess(IRouterControl? given, Func<IRouterControl>? homeRouter = null, Func<bool>? homeHasRoutes = null)
{
    private readonly Lazy<IRouterControl>? _homeRouter = homeRouter is null ? null : new(homeRouter);

    public IRouterControl? Router => given ?? (_homeRouter is not null && homeHasRoutes?.Invoke() == true ? _homeRouter.Value : null);
}
