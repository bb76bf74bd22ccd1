using System.Diagnostics;
using System.Globalization;
using ContainerCd.Runtime.Agents;

namespace ContainerCd.Docker.Tests.Shell;

/// <summary>
/// The step worker loop (Runtime/Docker/Shell/StepWorkerLoop) on real shells of this machine: a step sent to a worker
/// forked before it arrived ends exactly as the same step sent as a subshell of its own (output, trace, exit code),
/// with its own directory, environment and process, and the session stays usable after it.
/// </summary>
public sealed class StepWorkerLoopTests
{
    public static TheoryData<string> LoopShells => ["dash", "busybox", "bash"];

    /// <summary>Scripts whose run must not differ in any byte between the two paths (trace, messages, exit code), on each shell.</summary>
    public static TheoryData<string, string, bool> SameEnd
    {
        get
        {
            var scripts = new (string Script, bool Capture)[]
            {
                ("echo before\nexit 42\necho never", false),
                ("false\necho unreachable", false),
                ("printf 'a b\\n\\nc'; echo warn >&2", true),
                ("echo out; echo err >&2; exit 5", false),
                ("trap 'echo bye' EXIT; echo in; exit 3", false),
                ("echo \"$0 $-\"", false),
                ("nosuch-command-xyz", false),
                ("echo 'unterminated", false),
                ("cat; read x || echo no-input", false),
                ("set +e; (exit 9); echo status $?", true),
                ("#!/bin/sh\necho from a file \"$0\" | sed 's/containercd-[0-9a-f]*/F/'\nexit 4", false),
                ("#" + new string('x', 70_000) + "\necho large", true),
                ("sh -c 'kill -9 $PPID'\necho not-reached", false),
            };
            var data = new TheoryData<string, string, bool>();
            foreach (var shell in new[] { "dash", "busybox", "bash" })
            {
                foreach (var (script, capture) in scripts)
                {
                    data.Add(shell, script, capture);
                }
            }

            return data;
        }
    }

    private static string Workspace => Path.GetTempPath();

    private static ShellCommand Sh(string script, bool capture = false, string? dir = null, Dictionary<string, string>? env = null) =>
        new(script, dir ?? Workspace, env ?? [], capture);

    [Theory]
    [MemberData(nameof(SameEnd))]
    public async Task Worker_Step_EndsExactlyAsItsOwnSubshell(string shell, string script, bool capture)
    {
        // Given
        await using var subshell = LocalShell.Start(shell);
        await using var worker = LocalShell.Start(shell);
        await worker.StartWorkersAsync();

        // When
        var before = await subshell.RunAsync(subshell.Prepare(Sh(script, capture)));
        var after = await worker.RunAsync(worker.Prepare(Sh(script, capture)));

        // Then
        Assert.Equal(before.ExitCode, after.ExitCode);
        Assert.Equal(before.Stdout, after.Stdout);
        if (capture)
        {
            Assert.Equal(before.Stderr, after.Stderr);
        }


        var next = await worker.RunAsync(worker.Prepare(Sh("echo alive", capture: true)));
        Assert.Equal("alive\n", next.Stdout);
    }

    [Theory]
    [MemberData(nameof(LoopShells))]
    public async Task Worker_EnvironmentAndDirectory_AreEachStepsOwn(string shell)
    {
        // Given: the worker of each step was forked before its step (and its variables) arrived.
        await using var session = LocalShell.Start(shell);
        await session.StartWorkersAsync();
        var first = Directory.CreateTempSubdirectory("containercd-worker-a-").FullName;
        var second = Directory.CreateTempSubdirectory("containercd-worker-b-").FullName;
        const string Show = "echo \"[$A][$B][$LEAK]\"; pwd; export LEAK=1";

        try
        {
            // When
            var one = await session.RunAsync(session.Prepare(Sh(Show, capture: true, first, new() { ["A"] = "1" })));
            var two = await session.RunAsync(session.Prepare(Sh(Show, capture: true, second, new() { ["A"] = "it's 2\nlines", ["B"] = "b" })));
            var three = await session.RunAsync(session.Prepare(Sh(Show, capture: true, first)));

            // Then
            Assert.Equal($"[1][][]\n{first}\n", one.Stdout);
            Assert.Equal($"[it's 2\nlines][b][]\n{second}\n", two.Stdout);
            Assert.Equal($"[][][]\n{first}\n", three.Stdout);
        }
        finally
        {
            Directory.Delete(first);
            Directory.Delete(second);
        }
    }

    [Theory]
    [MemberData(nameof(LoopShells))]
    public async Task Worker_EachStep_IsAFreshShWithItsCookieInItsEnvironment(string shell)
    {
        // Given
        await using var session = LocalShell.Start(shell);
        await session.StartWorkersAsync();
        const string Show = "echo $$; tr '\\0' ' ' < /proc/$$/cmdline; echo; tr '\\0' '\\n' < /proc/$$/environ | grep CONTAINERCD_STEP_COOKIE";
        var firstScript = session.Prepare(Sh(Show, capture: true));
        var secondScript = session.Prepare(Sh(Show, capture: true));

        // When
        var first = (await session.RunAsync(firstScript)).Stdout.Split('\n');
        var second = (await session.RunAsync(secondScript)).Stdout.Split('\n');

        // Then: the process a cancel kills by its cookie (DockerAgent.KillAsync) is the step's sh itself.
        Assert.NotEqual(first[0], second[0]);
        Assert.NotEqual(session.ProcessId.ToString(CultureInfo.InvariantCulture), first[0]);
        Assert.StartsWith("sh -xe -c ", first[1], StringComparison.Ordinal);
        Assert.Equal(firstScript.Cookie, first[2]);
        Assert.Equal(secondScript.Cookie, second[2]);
    }

    [Theory]
    [MemberData(nameof(LoopShells))]
    public async Task Worker_InterruptSignal_ReachesTheStepsTrap(string shell)
    {
        // Given: a worker is a foreground subshell; a background one would start with SIGINT ignored, for good.
        await using var session = LocalShell.Start(shell);
        await session.StartWorkersAsync();

        // When
        var step = await session.RunAsync(session.Prepare(Sh("trap 'echo got-int; exit 7' INT\nkill -INT $$\necho not-reached", capture: true)));

        // Then
        Assert.Equal(7, step.ExitCode);
        Assert.Equal("got-int\n", step.Stdout);
    }

    [Theory]
    [MemberData(nameof(LoopShells))]
    public async Task Worker_BackgroundProcess_DoesNotHoldTheStepOrTheSession(string shell)
    {
        // Given
        await using var session = LocalShell.Start(shell);
        await session.StartWorkersAsync();

        // When: the step ends while its background child still runs.
        var step = await session.RunAsync(session.Prepare(Sh("sleep 60 >/dev/null 2>&1 & echo $!", capture: true)));
        var child = step.Stdout.Trim();
        var next = await session.RunAsync(session.Prepare(Sh($"kill -0 {child} && kill {child} && echo stopped", capture: true)));

        // Then
        Assert.Equal(0, step.ExitCode);
        Assert.Equal("stopped\n", next.Stdout);
    }

    [Theory]
    [MemberData(nameof(LoopShells))]
    public async Task Worker_MissingDirectory_FailsTheStepWithExitCodeOne(string shell)
    {
        await using var session = LocalShell.Start(shell);
        await session.StartWorkersAsync();

        var step = await session.RunAsync(session.Prepare(Sh("echo never", dir: "/no/such/directory")));

        Assert.Equal(1, step.ExitCode);
        Assert.Contains("can't cd to /no/such/directory", step.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("never", step.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(LoopShells))]
    public async Task Worker_TextArrivingInPieces_IsReadWholeAndTheSessionGoesOn(string shell)
    {
        // Given: texts arriving a line at a time, as the attach stream may cut them; one ends the worker early (no such directory).
        await using var session = LocalShell.Start(shell);
        await session.StartWorkersAsync();

        // When
        var failed = await session.RunAsync(session.Prepare(Sh("echo never", dir: "/no/such/directory")), lineByLine: true);
        var ran = await session.RunAsync(session.Prepare(Sh("echo ran; exit 3", env: new() { ["V"] = "x" })), lineByLine: true);
        var next = await session.RunAsync(session.Prepare(Sh("echo alive", capture: true)));

        // Then: no byte of a text was left for the loop to take as its go (which would end the session).
        Assert.Equal(1, failed.ExitCode);
        Assert.Equal(3, ran.ExitCode);
        Assert.Equal("+ echo ran\nran\n+ exit 3\n", ran.Stdout);
        Assert.Equal("alive\n", next.Stdout);
    }

    [Theory]
    [MemberData(nameof(LoopShells))]
    public async Task Worker_KilledWhileIdle_TheNextStepNeverRunsAndTheShellEnds(string shell)
    {
        // Given: the idle worker killed from outside; the loop prints an end marker no step owns and waits for a go.
        await using var session = LocalShell.Start(shell);
        await session.StartWorkersAsync();
        await session.RunAsync(session.Prepare(Sh("true")));
        var worker = await IdleWorkerAsync(session);
        Process.GetProcessById(worker).Kill();
        Assert.StartsWith("137;", await session.ReadLoopMarkerAsync(), StringComparison.Ordinal);
        var proof = Path.Combine(Path.GetTempPath(), "containercd-worker-ran-" + Guid.NewGuid().ToString("N"));

        // When: a step's text arrives where the loop expects the go.
        await session.WriteAsync(session.Prepare(Sh($"touch {proof}", dir: "/")).Text);

        // Then: not a line of it runs, neither in part nor in the loop's shell, and the shell ends (the session is lost).
        Assert.True(await session.WaitForEndAsync());
        Assert.False(File.Exists(proof));
    }

    [Theory]
    [MemberData(nameof(LoopShells))]
    public async Task Worker_InputClosed_EndsTheSessionsShell(string shell)
    {
        // Given
        var session = LocalShell.Start(shell);
        await using (session)
        {
            await session.StartWorkersAsync();
            await session.RunAsync(session.Prepare(Sh("true")));

            // When: the agent is released (its attach stream closed).
            var ended = await session.CloseInputAsync();

            // Then: the waiting worker finds no text and ends the loop's shell, rather than the loop spinning.
            Assert.True(ended);
        }
    }

    /// <summary>The worker the loop started after the last go (at most 10 s).</summary>
    private static async Task<int> IdleWorkerAsync(LocalShell session)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            if (session.Children() is [var worker])
            {
                return worker;
            }

            await Task.Delay(20, deadline.Token);
        }
    }
}
