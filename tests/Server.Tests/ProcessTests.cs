using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace ContainerCd.Server.Tests;

/// <summary>The real <c>containercd serve</c> process: killed with SIGKILL mid-build, then restarted on the same home.</summary>
public sealed class ProcessTests
{
    private const string Jenkinsfile = """
        pipeline {
          agent any
          stages {
            stage('Long') {
              steps {
                sh 'for i in $(seq 1 2000); do echo "line $i"; sleep 0.01; done'
              }
            }
          }
        }
        """;

    [Fact]
    public async Task KillDash9_MidBuild_LosesNoWrittenLog_AndRestartMarksTheBuildAborted()
    {
        // Given a real server process running a long build
        var home = Path.Combine(Path.GetTempPath(), "containercd-server-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(home, "jobs", "long"));
        await File.WriteAllTextAsync(Path.Combine(home, "jobs", "long", "Jenkinsfile"), Jenkinsfile);
        var port = FreePort();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        using (var first = StartServer(home, port))
        {
            await WaitUpAsync(http);
            using var trigger = await http.PostAsync("api/jobs/long/builds", null);
            Assert.Equal(HttpStatusCode.Created, trigger.StatusCode);
            string seen;
            do
            {
                await Task.Delay(100);
                seen = await http.GetStringAsync("job/long/1/consoleText");
            }
            while (!seen.Contains("line 50\n", StringComparison.Ordinal));

            // When it is killed (SIGKILL: no shutdown code runs)
            first.Kill();
            await first.WaitForExitAsync();

            // Then everything it had served is on disk
            var onDisk = await File.ReadAllTextAsync(Path.Combine(home, "builds", "long", "1", "log"));
            Assert.StartsWith(seen, onDisk, StringComparison.Ordinal);
        }

        // And a new server on the same home ends the build ABORTED, saying why, after the text it had
        using var second = StartServer(home, port);
        try
        {
            await WaitUpAsync(http);
            var build = await http.GetFromJsonAsync<JsonElement>("api/jobs/long/builds/1");
            Assert.Equal("ABORTED", build.GetProperty("build").GetProperty("result").GetString());
            var console = await http.GetStringAsync("job/long/1/consoleText");
            Assert.Contains("line 50\n", console, StringComparison.Ordinal);
            Assert.EndsWith(Builds.RestartRecovery.Reason + "\nFinished: ABORTED\n", console, StringComparison.Ordinal);
        }
        finally
        {
            second.Kill();
            await second.WaitForExitAsync();
        }
    }

    private static Process StartServer(string home, int port)
    {
        var exe = Path.Combine(AppContext.BaseDirectory, "containercd");
        var start = new ProcessStartInfo(exe, ["serve", "--urls", $"http://127.0.0.1:{port}", "--home", home])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUpAsync(HttpClient http)
    {
        for (var i = 0; i < 200; i++)
        {
            try
            {
                using var response = await http.GetAsync("api/jobs");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("containercd serve did not answer in 20 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
