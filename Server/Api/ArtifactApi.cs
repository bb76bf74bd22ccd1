using System.IO.Compression;
using System.IO.Pipelines;
using System.Net;
using System.Text;
using ContainerCd.Server.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticFiles;

namespace ContainerCd.Server.Api;

/// <summary>
/// A build's archived artifacts as Jenkins serves them: <c>/job/J/N/artifact/PATH</c> (the file, byte for byte,
/// with its content type, HEAD and Range), a folder's listing, and <c>/job/J/N/artifact/[FOLDER/]*zip*/NAME.zip</c>
/// (a zip of all, streamed). Served under Jenkins' Content-Security-Policy for archived files, so an archived
/// HTML page runs no script in the viewer's origin. A path that leads anywhere else answers 404.
/// </summary>
internal static class ArtifactApi
{
    /// <summary>Jenkins' default CSP for files it serves from a build (DirectoryBrowserSupport).</summary>
    public const string ContentSecurityPolicy = "sandbox; default-src 'none'; img-src 'self'; style-src 'self';";

    private const string ZipMarker = "*zip*";

    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static void MapArtifactApi(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/job/{job}/{build}/artifact/{**path}", ["GET", "HEAD"], Serve);
    }

    /// <summary>The build's artifacts as Jenkins' <c>api/json</c> lists them (<c>displayPath</c>, <c>fileName</c>, <c>relativePath</c>).</summary>
    public static List<JenkinsArtifact> Listed(ServerContext server, BuildRecord build)
    {
        var paths = server.Paths.Artifacts(build.Job, build.Number).List();
        var display = ServedFolder.DisplayPaths(paths);
        return [.. paths.Select((path, i) => new JenkinsArtifact(display[i], ServedFolder.FileName(path), path))];
    }

    private static IResult Serve(ServerContext server, HttpContext http, string job, string build, string? path)
    {
        if (server.Resolve(job, build) is not { } record)
        {
            return Results.NotFound();
        }

        var folder = server.Paths.Artifacts(record.Job, record.Number);
        var requested = path ?? string.Empty;
        var zip = requested.IndexOf(ZipMarker, StringComparison.Ordinal);
        var target = folder.Find(zip >= 0 ? requested[..zip] : requested);
        http.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return target switch
        {
            DirectoryInfo directory when zip >= 0 && IsZipName(requested[(zip + ZipMarker.Length)..]) => Zip(http, directory, requested[(zip + ZipMarker.Length + 1)..]),
            DirectoryInfo directory when zip < 0 => Listing(directory, requested),
            FileInfo file when zip < 0 => Results.File(file.FullName, ContentType(file.Name), enableRangeProcessing: true, lastModified: file.LastWriteTimeUtc),
            _ => Results.NotFound(),
        };
    }

    private static bool IsZipName(string rest) =>
        rest.StartsWith('/') && rest.EndsWith(".zip", StringComparison.Ordinal) && rest.IndexOf('/', 1) < 0;

    public static string ContentType(string fileName) =>
        ContentTypes.TryGetContentType(fileName, out var type) ? type : "application/octet-stream";

    /// <summary>
    /// A zip of the folder's files, written as it is read (no copy of the whole on disk or in memory): the zip is
    /// written on a pool thread into a pipe the response reads, as ZipArchive writes synchronously.
    /// </summary>
    private static IResult Zip(HttpContext http, DirectoryInfo directory, string name)
    {
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{name.Replace("\"", string.Empty, StringComparison.Ordinal)}\"";
        return Results.Stream(
            async body =>
            {
                var pipe = new Pipe();
                var writing = Task.Run(() => WriteZip(pipe.Writer, directory, http.RequestAborted), http.RequestAborted);
                try
                {
                    await pipe.Reader.CopyToAsync(body, http.RequestAborted).ConfigureAwait(false);
                }
                finally
                {
                    await pipe.Reader.CompleteAsync().ConfigureAwait(false);
                    await writing.ConfigureAwait(false);
                }
            },
            "application/zip");
    }

    private static void WriteZip(PipeWriter writer, DirectoryInfo directory, CancellationToken cancellationToken)
    {
        try
        {
            using (var zip = new ZipArchive(writer.AsStream(leaveOpen: true), ZipArchiveMode.Create, leaveOpen: false))
            {
                foreach (var (relative, file) in ServedFolder.FilesUnder(directory))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    zip.CreateEntryFromFile(file.FullName, relative, CompressionLevel.Fastest);
                }
            }

            writer.Complete();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or OperationCanceledException or InvalidOperationException)
        {
            // The reader is gone (the client left) or a file went away: the response ends short, the server goes on.
            writer.Complete(e);
        }
    }

    private static IResult Listing(DirectoryInfo directory, string requested)
    {
        var html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Artifacts</title></head><body><ul>\n");
        foreach (var (relative, _) in ServedFolder.FilesUnder(directory))
        {
            var href = string.Join('/', relative.Split('/').Select(Uri.EscapeDataString));
            html.Append("<li><a href=\"").Append(WebUtility.HtmlEncode(href)).Append("\">").Append(WebUtility.HtmlEncode(relative)).Append("</a></li>\n");
        }

        html.Append("</ul><p><a href=\"").Append(WebUtility.HtmlEncode(ZipMarker + "/" + (requested.Length == 0 ? "archive" : ServedFolder.FileName(requested.TrimEnd('/'))) + ".zip"))
            .Append("\">(all files in zip)</a></p></body></html>\n");
        return Results.Content(html.ToString(), "text/html; charset=utf-8");
    }
}

/// <summary>An archived file in a build's <c>api/json</c> <c>artifacts</c>, as Jenkins' Run.Artifact exports it.</summary>
internal sealed record JenkinsArtifact(string DisplayPath, string FileName, string RelativePath);
