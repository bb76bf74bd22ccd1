using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ContainerCd.Server.Tests.Support;

namespace ContainerCd.Server.Tests;

/// <summary>
/// <c>disableConcurrentBuilds()</c> and <c>buildDiscarder</c> in <c>serve</c> and across <c>containercd run</c>
/// processes on one home (real processes, the real SQLite store, real files).
/// </summary>
public sealed class JobPropertiesTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Notes its start in HOME/order, waits until HOME/go-N exists, notes its end.</summary>
    private static string Held(string options) => $$"""
        pipeline {
          agent any
          options { {{options}} }
          stages {
            stage('work') {
              steps {
                sh 'echo "start $BUILD_NUMBER" >> "$JENKINS_HOME/order"; set +x; while [ ! -e "$JENKINS_HOME/go-$BUILD_NUMBER" ]; do sleep 0.05; done; echo "end $BUILD_NUMBER" >> "$JENKINS_HOME/order"'
              }
            }
          }
        }
        """;

    [Fact]
    public async Task Serve_DisableConcurrentBuilds_TwoTriggeredBuildsDoNotOverlap()
    {
        // Given a server with executors to spare, and a running build of a job that disables concurrent builds
        await using var server = await TestServer.StartRealAsync(4, ("solo", Held("disableConcurrentBuilds()")));
        var first = await server.TriggerAsync("solo");
        await WaitForAsync(() => Order(server.Home).Contains("start 1", StringComparison.Ordinal));

        // When a second build is triggered
        var second = await server.TriggerAsync("solo");
        await WaitForAsync(() => Console(server, second).Contains("Build #1 is already in progress; waiting for it to finish", StringComparison.Ordinal));
        await File.WriteAllTextAsync(Path.Combine(server.Home, "go-2"), "", Token);

        // Then it starts only once the first has ended
        Assert.Equal("start 1\n", Order(server.Home));
        await File.WriteAllTextAsync(Path.Combine(server.Home, "go-1"), "", Token);
        Assert.Equal("SUCCESS", (await server.WaitFinishedAsync("solo", first, 60)).GetProperty("build").GetProperty("result").GetString());
        Assert.Equal("SUCCESS", (await server.WaitFinishedAsync("solo", second, 60)).GetProperty("build").GetProperty("result").GetString());
        Assert.Equal("start 1\nend 1\nstart 2\nend 2\n", Order(server.Home));
    }

    [Fact]
    public async Task Serve_BuildDiscarder_KeepsExactlyTheNewestBuilds()
    {
        // Given a job keeping two builds
        await using var server = await TestServer.StartRealAsync(("keep", """
            pipeline {
              agent any
              options { buildDiscarder(logRotator(numToKeepStr: '2')) }
              stages { stage('s') { steps { writeFile file: 'a.txt', text: 'x'; archiveArtifacts 'a.txt' } } }
            }
            """));

        // When it builds three times
        for (var i = 1; i <= 3; i++)
        {
            var number = await server.TriggerAsync("keep");
            Assert.Equal("SUCCESS", (await server.WaitFinishedAsync("keep", number, 60)).GetProperty("build").GetProperty("result").GetString());
        }

        // Then #1 is gone: record, log and artifacts
        var builds = await server.Http.GetFromJsonAsync<JsonElement>("api/jobs/keep/builds", Token);
        Assert.Equal([3, 2], builds.EnumerateArray().Select(b => b.GetProperty("number").GetInt32()));
        using var log = await server.Http.GetAsync("job/keep/1/consoleText", Token);
        Assert.Equal(HttpStatusCode.NotFound, log.StatusCode);
        Assert.False(Directory.Exists(Path.Combine(server.Home, "builds", "keep", "1")));
        Assert.False(Directory.Exists(Path.Combine(server.Home, "artifacts", "keep", "1")));
        Assert.True(File.Exists(Path.Combine(server.Home, "artifacts", "keep", "2", "a.txt")));
    }

    [Fact]
    public async Task Run_DisableConcurrentBuilds_SecondProcessWaitsForTheFirst()
    {
        // Given `containercd run` building a job that disables concurrent builds
        using var project = new Project(Held("disableConcurrentBuilds()"));
        using var first = project.Run();
        await WaitForAsync(() => Order(project.Home).Contains("start 1", StringComparison.Ordinal));

        // When a second `containercd run` of the job starts on the same home
        using var second = project.Run();
        await second.WaitForOutputAsync("Build #1 is already in progress; waiting for it to finish (disableConcurrentBuilds)");
        await File.WriteAllTextAsync(Path.Combine(project.Home, "go-2"), "", Token);

        // Then it waits until the first process's build has ended
        Assert.Equal("start 1\n", Order(project.Home));
        await File.WriteAllTextAsync(Path.Combine(project.Home, "go-1"), "", Token);
        Assert.Equal(0, await first.ExitCodeAsync());
        Assert.Equal(0, await second.ExitCodeAsync());
        Assert.Equal("start 1\nend 1\nstart 2\nend 2\n", Order(project.Home));
    }

    [Fact]
    public async Task Run_AbortPrevious_SupersedesTheBuildOfAnotherProcess()
    {
        // Given `containercd run` building a job with disableConcurrentBuilds(abortPrevious: true)
        using var project = new Project(Held("disableConcurrentBuilds(abortPrevious: true)"));
        using var first = project.Run();
        await WaitForAsync(() => Order(project.Home).Contains("start 1", StringComparison.Ordinal));

        // When a second process builds the job
        await File.WriteAllTextAsync(Path.Combine(project.Home, "go-2"), "", Token);
        using var second = project.Run();

        // Then the first build ends NOT_BUILT (exit code 5), superseded by the second, which runs
        Assert.Equal(5, await first.ExitCodeAsync());
        Assert.EndsWith("Superseded by solo #2\nFinished: NOT_BUILT\n", first.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, await second.ExitCodeAsync());
        Assert.Equal("start 1\nstart 2\nend 2\n", Order(project.Home));
    }

    [Fact]
    public async Task Run_ConfigWithYamlSyntaxError_OneLineWithThePosition_ExitCode2()
    {
        // Given a config file with an unclosed list
        using var project = new Project("pipeline { agent none; stages { stage('s') { steps { echo 'x' } } } }");
        var config = Path.Combine(project.Directory, "containercd.yml");
        await File.WriteAllTextAsync(config, "agents: [linux\nnode: {}\n", Token);

        // When a build is run with it
        using var run = CliProcess.Start(project.Directory, "run", "--home", project.Home, "--config", config);

        // Then
        Assert.Equal(2, await run.ExitCodeAsync());
        Assert.Matches(@"^containercd run: .*containercd\.yml\(\d+,\d+\): [^\n]+\n$", run.Stderr);
        Assert.Equal(string.Empty, run.Stdout);
    }

    private static string Order(string home)
    {
        var file = Path.Combine(home, "order");
        return File.Exists(file) ? File.ReadAllText(file) : string.Empty;
    }

    private static string Console(TestServer server, int number)
    {
        var file = Path.Combine(server.Home, "builds", "solo", number.ToString(System.Globalization.CultureInfo.InvariantCulture), "log");
        try
        {
            return File.Exists(file) ? File.ReadAllText(file) : string.Empty;
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 1200 && !condition(); i++)
        {
            await Task.Delay(50, Token);
        }

        Assert.True(condition(), "not seen within 60 s");
    }

    /// <summary>A folder with the Jenkinsfile of job 'solo' and a home for its builds.</summary>
    private sealed class Project : IDisposable
    {
        public Project(string jenkinsfile)
        {
            Directory = Path.Combine(Path.GetTempPath(), "containercd-server-tests", Guid.NewGuid().ToString("N"));
            System.IO.Directory.CreateDirectory(Directory);
            File.WriteAllText(Path.Combine(Directory, "Jenkinsfile"), jenkinsfile);
        }

        public string Directory { get; }

        public string Home => Path.Combine(Directory, "home");

        public CliProcess Run() => CliProcess.Start(Directory, "run", "--job", "solo", "--home", Home);

        public void Dispose()
        {
            try
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
