using System.Globalization;
using System.Text.Json;
using ContainerCd.Runtime.Delivery.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ContainerCd.Router.Control;

/// <summary>
/// The router's control API, HTTP and JSON on its Unix socket: <c>GET /v1/identity</c>, <c>GET/PUT /v1/routes</c>,
/// <c>GET/DELETE /v1/routes/{port}</c>, <c>POST /v1/routes/{port}/wait-healthy</c>, <c>POST /v1/shutdown</c>.
/// Errors answer 400 (unusable table), 404 (no such route or pool) or 409 (the port cannot be listened on) with
/// <c>{"error": "reason"}</c>.
/// </summary>
internal static class ControlApi
{
    public static void Map(IEndpointRouteBuilder app, RouterService router, RouterIdentity identity, Action shutdown)
    {
        app.MapGet("/v1/identity", context => WriteAsync(context, identity));
        app.MapGet("/v1/routes", context => WriteAsync(context, router.List()));
        app.MapPut("/v1/routes", context => HandleAsync(context, async () =>
        {
            var table = await JsonSerializer.DeserializeAsync<RouteTable>(context.Request.Body, RouteJson.Options, context.RequestAborted).ConfigureAwait(false);
            return await router.ApplyAsync(table!, context.RequestAborted).ConfigureAwait(false);
        }));
        app.MapGet("/v1/routes/{port:int}", context => HandleAsync(context, async () =>
        {
            await Task.Yield();
            return router.Get(Port(context)) ?? throw new KeyNotFoundException($"no route on port {Port(context)}");
        }));
        app.MapDelete("/v1/routes/{port:int}", context => HandleAsync(context, async () =>
        {
            await router.RemoveAsync(Port(context), context.RequestAborted).ConfigureAwait(false);
            return new { removed = Port(context) };
        }));
        app.MapPost("/v1/routes/{port:int}/wait-healthy", context => HandleAsync(context, async () =>
        {
            var request = await JsonSerializer.DeserializeAsync<WaitHealthyRequest>(context.Request.Body, RouteJson.Options, context.RequestAborted).ConfigureAwait(false)
                ?? throw new ArgumentException("no pool and timeout");
            return new WaitHealthyAnswer(await router.WaitHealthyAsync(Port(context), request.Pool, request.Timeout, context.RequestAborted).ConfigureAwait(false));
        }));
        app.MapPost("/v1/shutdown", context =>
        {
            shutdown();
            return WriteAsync(context, new { stopping = identity.Pid });
        });
    }

    private static int Port(HttpContext context) => int.Parse((string)context.Request.RouteValues["port"]!, CultureInfo.InvariantCulture);

    private static async Task HandleAsync(HttpContext context, Func<Task<object>> action)
    {
        object answer;
        try
        {
            answer = await action().ConfigureAwait(false);
        }
        catch (Exception e) when (e is ArgumentException or JsonException)
        {
            await WriteAsync(context, new ControlError(e is ArgumentException a ? StripParameter(a) : "unreadable JSON: " + e.Message), StatusCodes.Status400BadRequest).ConfigureAwait(false);
            return;
        }
        catch (KeyNotFoundException e)
        {
            await WriteAsync(context, new ControlError(e.Message), StatusCodes.Status404NotFound).ConfigureAwait(false);
            return;
        }
        catch (IOException e)
        {
            await WriteAsync(context, new ControlError(e.Message), StatusCodes.Status409Conflict).ConfigureAwait(false);
            return;
        }

        await WriteAsync(context, answer).ConfigureAwait(false);
    }

    private static string StripParameter(ArgumentException e) =>
        e.ParamName is { } name ? e.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : e.Message;

    private static Task WriteAsync<T>(HttpContext context, T value, int status = StatusCodes.Status200OK)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, value, value?.GetType() ?? typeof(T), RouteJson.Options, context.RequestAborted);
    }
}
