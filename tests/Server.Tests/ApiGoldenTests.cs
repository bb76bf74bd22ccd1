using System.Net.Http.Json;
using System.Text;
using ContainerCd.Runtime.Pipeline.Configuration;
using ContainerCd.Server.Hosting;
using ContainerCd.Server.Storage;
using ContainerCd.Server.Tests.Support;

namespace ContainerCd.Server.Tests;

/// <summary>
/// The JSON of the REST endpoints, byte for byte (times, durations and the home folder normalized), for a real build
/// with nested and parallel stages, a failing test, coverage, an artifact, an answered input, a deployment, a failed
/// stage and a skipped one; and the error bodies. The golden files are in <c>Golden/Api</c>; the build's journal and log
/// are kept in <c>Golden/Journal</c> for <see cref="EventJournalCompatibilityTests"/>.
/// </summary>
public sealed class ApiGoldenTests
{
    private const string Jenkinsfile = """
        pipeline {
          agent any
          stages {
            stage('Build') {
              steps {
                echo 'building'
                writeFile file: 'out/app.txt', text: 'app'
                archiveArtifacts artifacts: 'out/*.txt'
              }
            }
            stage('Test') {
              stages {
                stage('unit') {
                  steps {
                    writeFile file: 'unit.xml', text: "<testsuite name='calc'><testcase classname='calc.Add' name='adds'/><testcase classname='calc.Sub' name='subtracts'><failure message='expected 1 but was 2'>at calc.Sub(Sub.java:3)</failure></testcase><testcase classname='calc.Mul' name='multiplies'><skipped/></testcase></testsuite>"
                    junit 'unit.xml'
                  }
                }
                stage('coverage') {
                  steps {
                    writeFile file: 'jacoco.xml', text: "<report name='calc'><counter type='BRANCH' missed='3' covered='1'/><counter type='LINE' missed='4' covered='6'/></report>"
                    recordCoverage(tools: [[parser: 'JACOCO', pattern: 'jacoco.xml']])
                  }
                }
              }
            }
            stage('Checks') {
              parallel {
                stage('lint') {
                  steps {
                    echo 'linting'
                  }
                }
              }
            }
            stage('Approve') {
              steps {
                script {
                  def target = input message: 'Deploy where?', id: 'Target', ok: 'Deploy',
                    parameters: [string(name: 'TARGET', defaultValue: 'staging', description: 'environment')]
                  echo "target ${target}"
                }
              }
            }
            stage('Deploy') {
              steps {
                fakeDeployEvent project: 'shop', phase: 'Started', strategy: 'blueGreen', weights: [blue: 100, green: 0], images: [web: 'sha256:aaa'], message: 'starting green'
                fakeDeployEvent project: 'shop', phase: 'Succeeded', strategy: 'blueGreen', weights: [blue: 0, green: 100], images: [web: 'sha256:bbb']
                error 'smoke test failed'
              }
            }
            stage('Publish') {
              steps {
                echo 'never'
              }
            }
          }
        }
        """;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RestEndpoints_OfARealBuild_AnswerTheirGoldenJson()
    {
        // Given a finished build of every kind of record, and a plain one
        // (under /tmp, not TMPDIR: the home's path is in the log, so its length moves the offsets and sizes)
        var home = Path.Combine("/tmp", "containercd-server-tests", Guid.NewGuid().ToString("N"));
        await using var server = await TestServer.StartRealAsync(
            ServerSeams.Default, home, 2, null, RuntimeConfig.Empty, [FakeDeployExtension.Instance], ("golden", Jenkinsfile), ("plain", "pipeline { agent any; stages { stage('only') { steps { echo 'plain' } } } }"));
        var outputs = new List<(string Name, string Text)>();

        async Task Capture(string name, HttpResponseMessage response)
        {
            var body = await response.Content.ReadAsStringAsync(Token);
            outputs.Add((name, $"HTTP {(int)response.StatusCode}\n{GoldenFiles.Normalize(body, home)}\n"));
        }

        async Task Get(string name, string path)
        {
            using var response = await server.Http.GetAsync(new Uri(path, UriKind.Relative), Token);
            await Capture(name, response);
        }

        async Task Send(string name, HttpMethod method, string path, string? json)
        {
            using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
            if (json is not null)
            {
                request.Content = new StringContent(json, Encoding.UTF8, "application/json");
            }

            using var response = await server.Http.SendAsync(request, Token);
            await Capture(name, response);
        }

        using (var triggered = await server.Http.PostAsJsonAsync("api/jobs/golden/builds", new { parameters = new Dictionary<string, string>() }, Token))
        {
            await Capture("api-trigger", triggered);
        }

        await WaitForInputAsync(server);
        await Send("api-input-answer", HttpMethod.Post, "api/jobs/golden/builds/1/inputs/Target", """{"proceed":true,"parameters":{"TARGET":"prod"}}""");
        await server.WaitFinishedAsync("golden", 1, 60);
        using (var queued = await server.Http.PostAsync(new Uri("job/plain/build", UriKind.Relative), null, Token))
        {
            await Capture("jenkins-trigger", queued);
            await Get("jenkins-queue-item", queued.Headers.Location!.OriginalString.TrimStart('/') + "api/json");

            // Queue item numbers are counted per process, over every test's triggers.
            outputs[^1] = (outputs[^1].Name, GoldenFiles.WithoutQueueItemId(outputs[^1].Text));
        }

        await server.WaitFinishedAsync("plain", 1, 60);

        // When every endpoint is asked
        await Get("api-job", "api/jobs/golden");
        await Get("api-builds", "api/jobs/golden/builds");
        await Get("api-all-builds", "api/builds?limit=10");
        await Get("api-build", "api/jobs/golden/builds/1");
        await Get("api-log-search", "api/jobs/golden/builds/1/log/search?q=target");
        await Get("api-events", "api/jobs/golden/builds/1/events");
        await Get("api-coverage", "api/jobs/golden/builds/1/coverage");
        await Get("api-coverage-trend", "api/jobs/golden/coverage/trend");
        await Get("api-deployments", "api/deployments");
        await Get("api-deployment-history", "api/deployments/shop");
        await Get("api-tests-layout", "api/jobs/golden/builds/1/tests?layout=true");
        await Get("api-tests-failed", "api/jobs/golden/builds/1/tests?status=failed");
        await Get("api-tests-trend", "api/jobs/golden/tests/trend");
        await Get("api-stageview", "api/jobs/golden/stageview");
        await Send("api-job-define-created", HttpMethod.Put, "api/jobs/defined", """{"repository": "https://127.0.0.1:9/defined.git", "branch": "main"}""");
        await Send("api-job-define-replaced", HttpMethod.Put, "api/jobs/defined", """{"repository": "https://127.0.0.1:9/defined.git", "branch": "trunk"}""");
        await Get("api-jobs", "api/jobs");
        await Get("jenkins-job", "job/golden/api/json");
        await Get("jenkins-build", "job/golden/1/api/json");
        await Get("jenkins-describe", "job/golden/1/wfapi/describe");
        await Get("jenkins-runs", "job/golden/wfapi/runs");
        await Get("jenkins-test-report", "job/golden/1/testReport/api/json");
        await Get("jenkins-coverage", "job/golden/1/coverage/api/json");

        // And the errors
        await Get("error-no-job", "api/jobs/nope");
        await Get("error-no-build", "api/jobs/golden/builds/99");
        await Send("error-abort-finished", HttpMethod.Post, "api/jobs/golden/builds/1/abort", null);
        await Send("error-trigger-bad-json", HttpMethod.Post, "api/jobs/golden/builds", "{\"parameters\": [1");
        await Send("error-input-bad-json", HttpMethod.Post, "api/jobs/golden/builds/1/inputs/Target", "{\"proceed\": tru");
        await Send("error-input-not-waiting", HttpMethod.Post, "api/jobs/golden/builds/1/inputs/Target", """{"proceed":true}""");
        await Get("error-no-deployment", "api/deployments/nothing-here");
        await Get("error-tests-status", "api/jobs/golden/builds/1/tests?status=bogus");
        await Get("error-tests-count", "api/jobs/golden/builds/1/tests?count=0");
        await Get("error-stageview-since", "api/jobs/golden/stageview?since=abc");
        await Send("error-define-name", HttpMethod.Put, "api/jobs/bad%20name", """{"repository": "https://127.0.0.1:9/x.git"}""");
        await Send("error-define-folder-job", HttpMethod.Put, "api/jobs/golden", """{"repository": "https://127.0.0.1:9/x.git"}""");
        await Get("error-no-node", "computer/nope/api/json");
        await Get("error-node-depth", "computer/api/json?depth=deep");

        // Then each answer is its golden file
        var folder = GoldenFiles.Folder("Api");
        if (GoldenFiles.Updating)
        {
            Directory.CreateDirectory(folder);
            foreach (var (name, text) in outputs)
            {
                await File.WriteAllTextAsync(Path.Combine(folder, name + ".json.txt"), text, Token);
            }

            KeepJournal(server.Service<BuildPaths>(), GoldenFiles.Folder("Journal"));
        }

        var differing = new List<string>();
        foreach (var (name, text) in outputs)
        {
            var file = Path.Combine(folder, name + ".json.txt");
            if (!File.Exists(file) || await File.ReadAllTextAsync(file, Token) != text)
            {
                differing.Add($"{name}:\n{text}");
            }
        }

        Assert.True(differing.Count == 0, $"{differing.Count} answers differ from Golden/Api (CONTAINERCD_UPDATE_GOLDEN=1 rewrites them):\n" + string.Join("\n", differing));
    }

    /// <summary>The build's journal and log as today's code wrote them, for the journal's compatibility test.</summary>
    private static void KeepJournal(BuildPaths paths, string folder)
    {
        Directory.CreateDirectory(folder);
        File.Copy(paths.JournalFile("golden", 1), Path.Combine(folder, "events.jsonl"), overwrite: true);
        File.Copy(paths.LogFile("golden", 1), Path.Combine(folder, "log"), overwrite: true);
    }

    private static async Task WaitForInputAsync(TestServer server)
    {
        for (var i = 0; i < 1200; i++)
        {
            var build = await server.GetBuildAsync("golden", 1);
            if (build.GetProperty("inputs").EnumerateArray().Any(input => input.GetProperty("state").GetString() == "PENDING"))
            {
                return;
            }

            await Task.Delay(50, Token);
        }

        throw new TimeoutException("golden #1 asked no input in 60 s");
    }
}
