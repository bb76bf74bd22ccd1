using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace ContainerCd.Server.Hosting;

/// <summary>
/// The viewer's pages under <c>/job/</c>: a job, a build (also as Jenkins' <c>console</c> page), its tests
/// (Jenkins' <c>testReport</c> page) and a stage of a build, the Deployments pages (<c>/deployments</c>, <c>/deployments/PROJECT</c>) and the Nodes page (<c>/computer/</c>, as Jenkins'), each served by <c>index.html</c> (the page's script reads the path). Any other <c>/job/</c> path
/// is not something this server has: it answers 404, as Jenkins does for a URL it does not serve, rather than
/// the viewer's HTML with 200 (a client asking <c>/job/J/1/testReport/api/json</c> must learn it is not there).
/// </summary>
internal static class ViewerPages
{
    private static readonly string[] Patterns =
    [
        "/job/{job}",
        "/job/{job}/{number:int}",
        "/job/{job}/{number:int}/console",
        "/job/{job}/{number:int}/testReport",
        "/job/{job}/{number:int}/stage/{**stageId}",
        "/deployments",
        "/deployments/{project}",
        "/computer",
    ];

    public static void Map(IEndpointRouteBuilder app)
    {
        foreach (var pattern in Patterns)
        {
            app.MapFallbackToFile(pattern, "index.html").WithMetadata(new HttpMethodMetadata(["GET", "HEAD"]));
        }
    }
}
