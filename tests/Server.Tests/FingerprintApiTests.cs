using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ContainerCd.Server.Tests.Support;

namespace ContainerCd.Server.Tests;

/// <summary>Fingerprints recorded by builds, read back as Jenkins' /fingerprint/MD5/api/json.</summary>
public sealed class FingerprintApiTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ArchivedWithFingerprint_ThenUsedByAnotherJob_ApiSaysWhichBuildProducedAndWhichUsedIt()
    {
        // Given a job that builds and archives app.jar with fingerprint: true, and one that only fingerprints the file it got
        await using var server = await TestServer.StartRealAsync(
            ("producer", """
                pipeline { agent any; stages { stage('Build') { steps {
                  writeFile file: 'target/app.jar', text: 'jar bytes'
                  archiveArtifacts artifacts: 'target/*.jar', fingerprint: true
                } } } }
                """),
            ("consumer", """
                pipeline { agent any; stages { stage('Deploy') { steps {
                  fingerprint 'lib/*.jar'
                } } } }
                """));
        var library = Path.Combine(server.Home, "workspace", "consumer", "lib", "app.jar");
        Directory.CreateDirectory(Path.GetDirectoryName(library)!);
        await File.WriteAllTextAsync(library, "jar bytes", Token);
        File.SetLastWriteTimeUtc(library, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        // When the producer builds twice and the consumer once
        foreach (var job in new[] { "producer", "producer", "consumer" })
        {
            var number = await server.TriggerAsync(job);
            var build = await server.WaitFinishedAsync(job, number);
            Assert.Equal("SUCCESS", build.GetProperty("build").GetProperty("result").GetString());
        }

        // Then the fingerprint names the first producer build as original, and every build that recorded it
#pragma warning disable CA5351 // Jenkins names files by MD5
        var md5 = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes("jar bytes")));
#pragma warning restore CA5351
        var json = await server.Http.GetFromJsonAsync<JsonElement>($"fingerprint/{md5}/api/json", Token);
        Assert.Equal("hudson.model.Fingerprint", json.GetProperty("_class").GetString());
        Assert.Equal("app.jar", json.GetProperty("fileName").GetString());
        Assert.Equal(md5, json.GetProperty("hash").GetString());
        Assert.Equal(("producer", 1), (json.GetProperty("original").GetProperty("name").GetString(), json.GetProperty("original").GetProperty("number").GetInt32()));
        var usage = json.GetProperty("usage").EnumerateArray()
            .Select(u => (u.GetProperty("name").GetString(), string.Join(",", u.GetProperty("ranges").GetProperty("ranges").EnumerateArray().Select(r => $"{r.GetProperty("start").GetInt32()}-{r.GetProperty("end").GetInt32()}"))))
            .ToList();
        Assert.Equal([("consumer", "1-2"), ("producer", "1-3")], usage);
        var log = await server.Http.GetStringAsync("job/consumer/1/consoleText", Token);
        Assert.Contains("Recording fingerprints", log, StringComparison.Ordinal);

        // And a hash nothing recorded, or that is no MD5, is not found
        using var unknown = await server.Http.GetAsync($"fingerprint/{new string('0', 32)}/api/json", Token);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var notHash = await server.Http.GetAsync("fingerprint/..%2f..%2fcontainercd.db/api/json", Token);
        Assert.Equal(HttpStatusCode.NotFound, notHash.StatusCode);
    }
}
