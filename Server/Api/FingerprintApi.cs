using ContainerCd.Runtime.Publishing;
using ContainerCd.Server.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ContainerCd.Server.Api;

/// <summary>
/// Jenkins' <c>/fingerprint/MD5/api/json</c>: which build produced a file (<c>original</c>) and which builds recorded
/// it (<c>usage</c>, as ranges of build numbers), from what archiveArtifacts(fingerprint: true) and fingerprint stored.
/// </summary>
internal static class FingerprintApi
{
    public static void MapFingerprintApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/fingerprint/{md5}/api/json", (BuildPaths paths, string md5) =>
            FingerprintStore.Read(paths.Home, md5.ToLowerInvariant()) is { } record
                ? Results.Text(record.ToJsonString(), "application/json; charset=utf-8")
                : Results.NotFound());
}
