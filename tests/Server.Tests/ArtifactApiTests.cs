using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ContainerCd.Server.Tests.Support;

namespace ContainerCd.Server.Tests;

/// <summary>Archived artifacts served as Jenkins serves them: listed in api/json, downloaded byte for byte, zipped, and nothing else.</summary>
public sealed class ArtifactApiTests
{
    private const string Archiving = """
        pipeline {
          agent any
          stages {
            stage('Build') {
              steps {
                writeFile file: 'a/same.txt', text: 'from a'
                writeFile file: 'b/same.txt', text: 'from b'
                writeFile file: 'docs/page.html', text: '<html><script>alert(1)</script></html>'
                archiveArtifacts artifacts: 'bin/**, a/*.txt, b/*.txt, docs/*.html'
              }
            }
          }
        }
        """;

    private static readonly byte[] AllBytes = [.. Enumerable.Range(0, 256).Select(b => (byte)b), .. Enumerable.Range(0, 256).Select(b => (byte)(255 - b))];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ArchivedFiles_ListedInApiJson_DownloadByteIdentical_WithRangeHeadAndZip()
    {
        // Given a build that archives a binary file with every byte value, two files of one name and an HTML page
        await using var server = await TestServer.StartRealAsync(("app", Archiving));
        var binary = Path.Combine(server.Home, "workspace", "app", "bin", "all bytes.bin");
        Directory.CreateDirectory(Path.GetDirectoryName(binary)!);
        await File.WriteAllBytesAsync(binary, AllBytes, Token);

        // When it has run
        var number = await server.TriggerAsync("app");
        var build = await server.WaitFinishedAsync("app", number);
        Assert.Equal("SUCCESS", build.GetProperty("build").GetProperty("result").GetString());

        // Then api/json lists them as Jenkins does: displayPath is the file name unless another artifact shares it
        var json = await server.Http.GetFromJsonAsync<JsonElement>($"job/app/{number}/api/json", Token);
        var artifacts = json.GetProperty("artifacts").EnumerateArray()
            .Select(a => (a.GetProperty("relativePath").GetString(), a.GetProperty("fileName").GetString(), a.GetProperty("displayPath").GetString())).ToList();
        Assert.Equal(
            [("a/same.txt", "same.txt", "a/same.txt"), ("b/same.txt", "same.txt", "b/same.txt"), ("bin/all bytes.bin", "all bytes.bin", "all bytes.bin"), ("docs/page.html", "page.html", "page.html")],
            artifacts);

        // And the binary file downloads byte for byte, with its content type
        using var download = await server.Http.GetAsync($"job/app/{number}/artifact/bin/all%20bytes.bin", Token);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(AllBytes, await download.Content.ReadAsByteArrayAsync(Token));
        Assert.Equal("application/octet-stream", download.Content.Headers.ContentType?.MediaType);
        using var text = await server.Http.GetAsync($"job/app/{number}/artifact/b/same.txt", Token);
        Assert.Equal("from b", await text.Content.ReadAsStringAsync(Token));
        Assert.Equal("text/plain", text.Content.Headers.ContentType?.MediaType);

        // And HEAD gives the length without a body, Range a slice
        using var head = await server.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"job/app/{number}/artifact/bin/all%20bytes.bin"), Token);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(AllBytes.Length, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync(Token));
        using var rangeRequest = new HttpRequestMessage(HttpMethod.Get, $"job/app/{number}/artifact/bin/all%20bytes.bin");
        rangeRequest.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(250, 259);
        using var range = await server.Http.SendAsync(rangeRequest, Token);
        Assert.Equal(HttpStatusCode.PartialContent, range.StatusCode);
        Assert.Equal(AllBytes[250..260], await range.Content.ReadAsByteArrayAsync(Token));

        // And an archived HTML page is served sandboxed: its script cannot run in the viewer's origin
        using var page = await server.Http.GetAsync($"job/app/{number}/artifact/docs/page.html", Token);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal("sandbox; default-src 'none'; img-src 'self'; style-src 'self';", page.Headers.GetValues("Content-Security-Policy").Single());

        // And the zip of all holds every file, byte for byte
        using var zipResponse = await server.Http.GetAsync($"job/app/{number}/artifact/*zip*/archive.zip", Token);
        Assert.Equal(HttpStatusCode.OK, zipResponse.StatusCode);
        Assert.Equal("application/zip", zipResponse.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(new MemoryStream(await zipResponse.Content.ReadAsByteArrayAsync(Token)));
        Assert.Equal(artifacts.Select(a => a.Item1), zip.Entries.Select(e => e.FullName));
        using var entry = new MemoryStream();
        await using (var stream = await zip.GetEntry("bin/all bytes.bin")!.OpenAsync(Token))
        {
            await stream.CopyToAsync(entry, Token);
        }

        Assert.Equal(AllBytes, entry.ToArray());
    }

    /// <summary>Dot segments the server itself removes before routing (RFC 3986): they never reach the artifacts.</summary>
    public static TheoryData<string> NormalizedAway() =>
    [
        "../../../secret.txt",
        "%2e%2e/%2e%2e/%2e%2e/secret.txt",
    ];

    public static TheoryData<string> Escapes() =>
    [
        "..%2f..%2f..%2fsecret.txt",
        "..%2F..%2F..%2Fsecret.txt",
        "%2e%2e%2f%2e%2e%2f%2e%2e%2fsecret.txt",
        "%252e%252e%252f%252e%252e%252f%252e%252e%252fsecret.txt",
        "..%255c..%255c..%255csecret.txt",
        "..%5c..%5c..%5csecret.txt",
        "..\\..\\..\\secret.txt",
        "/%2Fsecret.txt",
        "%2F" + "secret.txt",
        "link-out",
        "linked-folder/secret.txt",
        "bin/all bytes.bin/..%2f..%2f..%2f..%2fsecret.txt",
    ];

    [Theory]
    [MemberData(nameof(Escapes))]
    public async Task PathsLeadingOutOfTheArtifacts_AreNotServed(string path) => await AssertNotServedAsync(path, reachesArtifacts: true);

    [Theory]
    [MemberData(nameof(NormalizedAway))]
    public async Task DotSegments_AreResolvedBeforeRouting_AndNeverReachTheArtifacts(string path) => await AssertNotServedAsync(path, reachesArtifacts: false);

    private static async Task AssertNotServedAsync(string path, bool reachesArtifacts)
    {
        // Given an archived build, a secret beside its artifacts, and links inside its artifact folder leading to it
        await using var server = await TestServer.StartRealAsync(("app", Archiving));
        var binary = Path.Combine(server.Home, "workspace", "app", "bin", "all bytes.bin");
        Directory.CreateDirectory(Path.GetDirectoryName(binary)!);
        await File.WriteAllBytesAsync(binary, AllBytes, Token);
        var number = await server.TriggerAsync("app");
        await server.WaitFinishedAsync("app", number);
        var artifacts = Path.Combine(server.Home, "artifacts", "app", number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await File.WriteAllTextAsync(Path.Combine(server.Home, "artifacts", "secret.txt"), "TOP SECRET", Token);
        File.CreateSymbolicLink(Path.Combine(artifacts, "link-out"), Path.Combine(server.Home, "artifacts", "secret.txt"));
        Directory.CreateSymbolicLink(Path.Combine(artifacts, "linked-folder"), Path.Combine(server.Home, "artifacts"));

        // When the path is asked for as it is written (no client-side normalisation)
        var uri = new Uri($"{server.BaseUrl}/job/app/{number}/artifact/{path}", new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        using var response = await server.Http.GetAsync(uri, Token);

        // Then it is refused (or, with its dot segments resolved, names another page), and the secret never leaves
        if (reachesArtifacts)
        {
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{path}: {(int)response.StatusCode}");
        }
        else
        {
            Assert.False(response.Headers.Contains("Content-Security-Policy"), $"{path} reached the artifact endpoint");
        }

        Assert.DoesNotContain("TOP SECRET", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        using var zip = await server.Http.GetAsync($"job/app/{number}/artifact/*zip*/archive.zip", Token);
        using var archive = new ZipArchive(new MemoryStream(await zip.Content.ReadAsByteArrayAsync(Token)));
        Assert.DoesNotContain(archive.Entries, e => e.FullName.Contains("secret", StringComparison.Ordinal) || e.FullName.StartsWith("link", StringComparison.Ordinal));
    }
}
