using System.Collections.Immutable;
using ContainerCd.Runtime.Pipeline;
using ContainerCd.Runtime.Pipeline.Configuration;
using ContainerCd.Runtime.Results;
using ContainerCd.Runtime.Testing;

namespace ContainerCd.Runtime.Tests.Engine;

public class StepTests
{
    private static string Pipeline(string steps, string extra = "") => $$"""
        pipeline {
            agent any
            {{extra}}
            stages {
                stage('s') {
                    steps {
                        {{steps}}
                    }
                }
            }
        }
        """;

    [Fact]
    public async Task Sh_NonZeroExit_FailsWithJenkinsMessage()
    {
        using var runner = new PipelineRunner { HostProvider = new FakeAgentProvider(c => (2, "+ " + c.Script + "\n")) };
        var (result, log, _) = await runner.RunAsync(Pipeline("sh 'false'"));
        Assert.Equal(BuildResult.Failure, result);
        Assert.Contains("ERROR: script returned exit code 2", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sh_ReturnStatusAndStdout_GiveValues()
    {
        using var runner = new PipelineRunner { HostProvider = new FakeAgentProvider(c => c.CaptureStdout ? (0, "out\n") : (3, string.Empty)) };
        var (result, log, _) = await runner.RunAsync(Pipeline("""
            script {
                def code = sh(script: 'x', returnStatus: true)
                def text = sh(script: 'y', returnStdout: true).trim()
                echo "code=${code} text=${text}"
            }
            """));
        Assert.Equal(BuildResult.Success, result);
        Assert.Contains("code=3 text=out", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sh_OnHost_RunsRealShellWithEnvironmentAndDirectory()
    {
        using var runner = new PipelineRunner();
        var (result, log, _) = await runner.RunAsync(Pipeline("""
            dir('sub') {
                withEnv(['GREETING=hi there', 'PATH+EXTRA=/opt/extra/bin']) {
                    sh 'echo "$GREETING in $(basename $PWD)"; echo "$PATH" | cut -d: -f1; echo err >&2'
                }
            }
            """));
        Assert.True(result == BuildResult.Success, log);
        Assert.Contains("\nhi there in sub\n", log, StringComparison.Ordinal);
        Assert.Contains("\n/opt/extra/bin\n", log, StringComparison.Ordinal);
        Assert.Contains("\nerr\n", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timeout_KillsProcessTree_AndAbortsBuild()
    {
        using var runner = new PipelineRunner();
        var marker = "ccd-test-" + Guid.NewGuid().ToString("N")[..8];
        var (result, log, _) = await runner.RunAsync(Pipeline($$"""
            timeout(time: 2, unit: 'SECONDS') {
                sh 'sleep 300 & sleep 301 # {{marker}}'
            }
            """));
        Assert.True(result == BuildResult.Aborted, log);
        Assert.Contains("Timeout set to expire in 2 sec", log, StringComparison.Ordinal);
        Assert.Contains("Cancelling nested steps due to timeout", log, StringComparison.Ordinal);
        Assert.False(IsRunning(marker), "a process of the timed-out step is still running");
    }

    [Fact]
    public async Task Sh_BackgroundProcessLeftRunning_BuildDoesNotWaitAndKillsIt()
    {
        // Given: a step that leaves a process holding its output (as `./server &` does)
        using var runner = new PipelineRunner();
        var seconds = "600." + Random.Shared.Next(100_000, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();

        // When
        var (result, log, _) = await runner.RunAsync(Pipeline($"sh 'sleep {seconds} &'\necho 'after'"));

        // Then: the build ends with its steps, not with the leftover (600 s), which is killed as Jenkins does
        Assert.True(result == BuildResult.Success, log);
        Assert.Contains("\nafter\n", log, StringComparison.Ordinal);
        Assert.True(System.Diagnostics.Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(60), "the build waited for the leftover process");
        Assert.False(IsRunning("sleep " + seconds), "the leftover process is still running");
    }

    private static bool IsRunning(string commandLinePart) =>
        Directory.EnumerateDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)).Any(d =>
        {
            try
            {
                return File.ReadAllText(Path.Combine(d, "cmdline")).Replace('\0', ' ').Contains(commandLinePart, StringComparison.Ordinal);
            }
            catch (IOException)
            {
                return false;
            }
            catch (UnauthorizedAccessException)
            {
                return false;
            }
        });

    [Fact]
    public async Task Retry_RetriesUntilSuccess()
    {
        using var runner = new PipelineRunner();
        var (result, log, _) = await runner.RunAsync(Pipeline("""
            script { count = 0 }
            retry(3) {
                script { count++; if (count < 3) { error "try ${count}" } }
            }
            echo "tries=${count}"
            """));
        Assert.Equal(BuildResult.Success, result);
        Assert.Contains("ERROR: try 1\nRetrying", log, StringComparison.Ordinal);
        Assert.Contains("tries=3", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CatchErrorAndUnstable_SetResults()
    {
        using var runner = new PipelineRunner();
        var (result, log, _) = await runner.RunAsync(Pipeline("""
            catchError(buildResult: 'UNSTABLE', stageResult: 'FAILURE') { error 'caught' }
            echo 'after'
            """));
        Assert.Equal(BuildResult.Unstable, result);
        Assert.Contains("ERROR: caught\n", log, StringComparison.Ordinal);
        Assert.Contains("after", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Files_WriteReadExistsStashJsonYaml()
    {
        using var runner = new PipelineRunner();
        var (result, log, _) = await runner.RunAsync(Pipeline("""
            writeFile file: 'a/b.txt', text: 'hello'
            script {
                echo "read=${readFile('a/b.txt')} exists=${fileExists('a/b.txt')} missing=${fileExists('nope')}"
                writeJSON file: 'x.json', json: [k: [1, 2], s: 'v']
                def data = readJSON file: 'x.json'
                echo "json=${data.k[1]}${data.s}"
                def yaml = readYaml text: "a: 1\nb: [x, y]\n"
                echo "yaml=${yaml.a}${yaml.b[1]}"
                def props = readProperties text: "p=1\nq = two\n"
                echo "props=${props.q}"
                echo "found=${findFiles(glob: '**/*.txt').collect { it.path }}"
            }
            stash name: 'st', includes: 'a/**'
            deleteDir()
            unstash 'st'
            echo "back=${readFile 'a/b.txt'}"
            """));
        Assert.True(result == BuildResult.Success, log);
        Assert.Contains("read=hello exists=true missing=false", log, StringComparison.Ordinal);
        Assert.Contains("json=2v", log, StringComparison.Ordinal);
        Assert.Contains("yaml=1y", log, StringComparison.Ordinal);
        Assert.Contains("props=two", log, StringComparison.Ordinal);
        Assert.Contains("found=[a/b.txt]", log, StringComparison.Ordinal);
        Assert.Contains("Stashed 1 file(s)", log, StringComparison.Ordinal);
        Assert.Contains("back=hello", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithCredentials_MasksSecretsEverywhere()
    {
        var config = RuntimeConfig.Empty with
        {
            Credentials = [new CredentialDefinition("tok", "string") { Secret = "s3cr3t-value" }, new CredentialDefinition("up", "usernamePassword") { Username = "bob", Password = "pa55word" }],
        };
        using var runner = new PipelineRunner { Config = config };
        var (result, log, observer) = await runner.RunAsync(Pipeline("""
            withCredentials([string(credentialsId: 'tok', variable: 'TOKEN'), usernamePassword(credentialsId: 'up', usernameVariable: 'U', passwordVariable: 'P')]) {
                echo "token=$TOKEN"
                sh 'echo "pw=$P"'
            }
            """));
        Assert.True(result == BuildResult.Success, log);
        Assert.Contains("token=****", log, StringComparison.Ordinal);
        Assert.Contains("pw=****", log, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-value", log, StringComparison.Ordinal);
        Assert.DoesNotContain(observer.Events.OfType<Events.StepStarted>(), e => e.Description?.Contains("pa55word", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Input_ProceedWithParameters_ReturnsValues_AbortAborts()
    {
        using var runner = new PipelineRunner();
        var steps = """
            script {
                def v = input message: 'Go?', parameters: [string(name: 'NAME', defaultValue: 'x'), booleanParam(name: 'FLAG', defaultValue: true)]
                echo "name=${v.NAME} flag=${v.FLAG}"
            }
            """;
        var proceed = InputHandlers.Scripted([new InputResponse(true, "alice", ImmutableDictionary<string, string>.Empty.Add("NAME", "bob"))]);
        var (result, log, _) = await runner.RunAsync(Pipeline(steps), inputs: proceed);
        Assert.Equal(BuildResult.Success, result);
        Assert.Contains("name=bob flag=true", log, StringComparison.Ordinal);
        Assert.Contains("Approved by alice", log, StringComparison.Ordinal);

        var (aborted, _, _) = await runner.RunAsync(Pipeline(steps), inputs: InputHandlers.AbortAll);
        Assert.Equal(BuildResult.Aborted, aborted);
    }

    [Fact]
    public async Task UnsupportedStep_FailsNamingIt_UnlessDeclaredNoop()
    {
        using var runner = new PipelineRunner();
        var (result, log, _) = await runner.RunAsync(Pipeline("s3Upload bucket: 'b', file: 'x'"));
        Assert.Equal(BuildResult.Failure, result);
        Assert.Contains("step 's3Upload' is not supported by containercd run", log, StringComparison.Ordinal);

        using var noop = new PipelineRunner { Config = RuntimeConfig.Empty with { NoopSteps = ["s3Upload"] } };
        var (ok, noopLog, _) = await noop.RunAsync(Pipeline("s3Upload bucket: 'b', file: 'x'"));
        Assert.Equal(BuildResult.Success, ok);
        Assert.Contains("Skipped s3Upload", noopLog, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bat_FailsClearlyOnLinux()
    {
        using var runner = new PipelineRunner();
        var (result, log, _) = await runner.RunAsync(Pipeline("bat 'dir'"));
        Assert.Equal(BuildResult.Failure, result);
        Assert.Contains("The bat step runs Windows scripts", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScriptedForms_StageParallelNode()
    {
        using var runner = new PipelineRunner();
        var (result, log, _) = await runner.RunAsync("""
            node {
                stage('a') { echo 'in a' }
                def results = [:]
                parallel(one: { results.one = 1 }, two: { results.two = 2 })
                echo "results=${results.sort()}"
            }
            """);
        Assert.True(result == BuildResult.Success, log);
        Assert.Contains("[Pipeline] { (a)", log, StringComparison.Ordinal);
        Assert.Contains("[Pipeline] { (Branch: one)", log, StringComparison.Ordinal);
        Assert.Contains("results=[one:1, two:2]", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AgentLabel_FromConfig_GivesNodeEnvironment_UnknownLabelFails()
    {
        var config = RuntimeConfig.Empty with { Agents = [new AgentDefinition("a1", ["linux"], null, ImmutableDictionary<string, string>.Empty.Add("ONAGENT", "yes"))] };
        using var runner = new PipelineRunner { Config = config };
        var (result, log, _) = await runner.RunAsync("pipeline { agent { label 'linux' } stages { stage('s') { steps { echo \"on=${env.ONAGENT} node=${env.NODE_NAME}\" } } } }");
        Assert.True(result == BuildResult.Success, log);
        Assert.Contains("on=yes node=a1", log, StringComparison.Ordinal);

        var (failed, failedLog, _) = await runner.RunAsync("pipeline { agent { label 'windows' } stages { stage('s') { steps { echo 'x' } } } }");
        Assert.Equal(BuildResult.Failure, failed);
        Assert.Contains("There are no nodes with the label ‘windows’", failedLog, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DockerAgent_WithoutProvider_FailsWithOneClearLine()
    {
        using var runner = new PipelineRunner();
        var (result, log, _) = await runner.RunAsync("pipeline { agent { docker 'alpine' } stages { stage('s') { steps { echo 'x' } } } }");
        Assert.Equal(BuildResult.Failure, result);
        Assert.Contains("Docker agents are not available here", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RejectedJenkinsfile_PrintsCompileReport_AndFails()
    {
        using var runner = new PipelineRunner();
        var (result, log, _) = await runner.RunAsync("pipeline { stages { stage('s') { steps { echo 'x' } } } }");
        Assert.Equal(BuildResult.Failure, result);
        Assert.Contains("MultipleCompilationErrorsException: startup failed:", log, StringComparison.Ordinal);
        Assert.Contains("Missing required section \"agent\"", log, StringComparison.Ordinal);
        Assert.EndsWith("Finished: FAILURE\n", log, StringComparison.Ordinal);
    }
}
