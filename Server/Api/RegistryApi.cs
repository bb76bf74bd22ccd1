using ContainerCd.Runtime.Delivery.Registry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ContainerCd.Server.Api;

/// <summary>The registry builds push to (the config's <c>registry:</c>), at <c>/api/registry</c>. See docs/api.md.</summary>
internal static class RegistryApi
{
    public static void MapRegistryApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/registry", async (ILocalRegistry registry, CancellationToken cancellationToken) =>
        {
            var status = await registry.GetStatusAsync(cancellationToken).ConfigureAwait(false);
            return Results.Ok(new RegistryResponse(status.Address, status.Managed, status.Running, status.DataDirectory, status.ProcessId, status.CredentialsId));
        });
}

/// <summary>
/// <c>GET /api/registry</c>: the address, whether ContainerCd starts it (<c>managed</c>: the local one) or only uses it,
/// whether it answers now, and for the local one its data folder and process id.
/// </summary>
internal sealed record RegistryResponse(string Address, bool Managed, bool Running, string? DataDirectory, int? Pid, string? CredentialsId);
