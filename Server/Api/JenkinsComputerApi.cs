using System.Globalization;
using System.Text.Json.Nodes;
using ContainerCd.Server.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ContainerCd.Server.Api;

/// <summary>
/// Jenkins' node endpoints: <c>GET /computer/api/json</c> (every node) and <c>GET /computer/NAME/api/json</c> (one:
/// <c>(built-in)</c> or an engine's name; 404 naming it when there is none), with <c>depth=</c> and <c>tree=</c> as
/// Jenkins reads them (see <see cref="JenkinsComputerViews"/>, <see cref="JenkinsTree"/>). See docs/api.md.
/// </summary>
internal static class JenkinsComputerApi
{
    public static void MapJenkinsComputerApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/computer/api/json", (BuildNodes nodes, TimeProvider time, HttpRequest request) =>
            Answer(request, depth => JenkinsComputerViews.Set(nodes.List(), depth, time.GetUtcNow())));
        app.MapGet("/computer/{name}/api/json", (BuildNodes nodes, TimeProvider time, HttpRequest request, string name) =>
            nodes.Find(name) is { } node
                ? Answer(request, depth => JenkinsComputerViews.Computer(node, depth, time.GetUtcNow()))
                : Results.NotFound(new ErrorResponse($"No such node: '{name}'.")));
    }

    /// <summary>The answer at the asked depth (0 by default), or with <c>tree=</c> the deepest answer cut to the tree; 400 naming a bad parameter.</summary>
    private static IResult Answer(HttpRequest request, Func<int, JsonObject> view)
    {
        var depth = 0;
        if (request.Query["depth"].ToString() is { Length: > 0 } text
            && !(int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out depth) && depth >= 0))
        {
            return Results.BadRequest(new ErrorResponse($"depth '{text}' is not a depth (0, 1, 2...)"));
        }

        if (request.Query["tree"].ToString() is not { Length: > 0 } tree)
        {
            return Results.Ok(view(depth));
        }

        try
        {
            return Results.Ok(JenkinsTree.Parse(tree).Prune(view(int.MaxValue)));
        }
        catch (FormatException e)
        {
            return Results.BadRequest(new ErrorResponse(e.Message));
        }
    }
}
