using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Docker.Nodes;

namespace ContainerCd.Docker.Tests.Nodes;

/// <summary>
/// The workspace mirror of a remote-node agent against a second, real engine (TLS on 127.0.0.1) that cannot see this
/// machine's folders: what a step changes there comes back when the mirror is levelled, what is said changed here goes
/// there before the next step, and nothing written on either side is lost, also with steps of parallel branches running
/// at once on one agent (each side used as the step dispatch uses it: levelled before this side reads or writes, said
/// changed after it writes).
/// </summary>
[Collection(DockerTests.Name)]
public sealed class WorkspaceMirrorTests(DockerFixture docker) : IDisposable
{
    private readonly AgentScope _scope = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ExecuteAsync_FileRewrittenWithTheSameSizeAndTime_ComesBackRewritten()
    {
        // Given an agent on the node whose step wrote a file with a fixed time (as tar -x, cp -p or unzip do)
        docker.RequireEngine();
        Assert.SkipUnless(SecondEngine.Available, "no dockerd on this machine for a second engine");
        await using var engine = await SecondEngine.StartAsync([_scope.Workspace], Token);
        await using var nodes = RemoteNodes.Create(NodeConfig.For(engine), docker.Engine);
        await using var agent = await new RemoteNodeAgentProvider(nodes).StartAsync(Request(), new CollectingOutput(), Token);
        await SucceedsAsync(agent, "printf aaa > same.txt; touch -d '2020-01-02 03:04:05' same.txt");
        await LevelAsync(agent);
        Assert.Equal("aaa", File.ReadAllText(Path.Combine(_scope.Workspace, "same.txt")));

        // When the next step rewrites it: same size, same modification time
        await SucceedsAsync(agent, "printf bbb > same.txt; touch -d '2020-01-02 03:04:05' same.txt");
        await LevelAsync(agent);

        // Then the mirror has the new content (its change time told)
        Assert.Equal("bbb", File.ReadAllText(Path.Combine(_scope.Workspace, "same.txt")));
    }

    [Fact]
    public async Task ExecuteAsync_ChangesOfEveryKind_ComeBackAndGoThere()
    {
        // Given an agent on the node with a workspace of 40 files sent at its start
        docker.RequireEngine();
        Assert.SkipUnless(SecondEngine.Available, "no dockerd on this machine for a second engine");
        for (var i = 0; i < 40; i++)
        {
            Directory.CreateDirectory(Path.Combine(_scope.Workspace, "src", $"d{i % 4}"));
            File.WriteAllText(Path.Combine(_scope.Workspace, "src", $"d{i % 4}", $"f{i}.txt"), $"file {i}\n");
        }

        await using var engine = await SecondEngine.StartAsync([_scope.Workspace], Token);
        await using var nodes = RemoteNodes.Create(NodeConfig.For(engine), docker.Engine);
        await using var agent = await new RemoteNodeAgentProvider(nodes).StartAsync(Request(), new CollectingOutput(), Token);

        // When a step edits, deletes, makes a link, a new folder of 20 files (fetched in one archive) and an executable
        await SucceedsAsync(agent, "echo edited >> src/d0/f0.txt; rm src/d1/f1.txt; rm -r src/d2; ln -s d0/f0.txt src/link; "
            + "mkdir -p out/deep; for i in $(seq 20); do echo out $i > out/deep/o$i.txt; done; printf '#!/bin/sh\\necho run\\n' > tool.sh; chmod 755 tool.sh");
        // and this side then edits a file, deletes one and adds one, which the next step sees
        await LevelAsync(agent);
        File.WriteAllText(Path.Combine(_scope.Workspace, "src", "d3", "f3.txt"), "edited here\n");
        File.Delete(Path.Combine(_scope.Workspace, "src", "d0", "f4.txt"));
        File.WriteAllText(Path.Combine(_scope.Workspace, "here.txt"), "made here\n");
        ((IMirroredWorkspace)agent).ChangedHere();
        var seen = await agent.ExecuteAsync(_scope.Sh("cat src/d3/f3.txt here.txt; test ! -e src/d0/f4.txt && echo f4-gone; ./tool.sh", capture: true), new CollectingOutput(), Token);
        await LevelAsync(agent);

        // Then
        var ws = _scope.Workspace;
        Assert.Equal("file 0\nedited\n", File.ReadAllText(Path.Combine(ws, "src", "d0", "f0.txt")));
        Assert.False(File.Exists(Path.Combine(ws, "src", "d1", "f1.txt")));
        Assert.False(Directory.Exists(Path.Combine(ws, "src", "d2")));
        Assert.Equal("d0/f0.txt", new FileInfo(Path.Combine(ws, "src", "link")).LinkTarget);
        Assert.Equal(20, Directory.GetFiles(Path.Combine(ws, "out", "deep")).Length);
        Assert.Equal("out 17\n", File.ReadAllText(Path.Combine(ws, "out", "deep", "o17.txt")));
        Assert.True(new FileInfo(Path.Combine(ws, "tool.sh")).UnixFileMode.HasFlag(UnixFileMode.UserExecute));
        Assert.Equal("edited here\nmade here\nf4-gone\nrun\n", seen.Stdout);
        Assert.Empty(Directory.GetFiles(ws, "*.part", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task ExecuteAsync_ParallelStepsAndFileWritesOnOneAgent_LoseNothing()
    {
        // Given one agent on the node (one executor), used by two branches at once
        docker.RequireEngine();
        Assert.SkipUnless(SecondEngine.Available, "no dockerd on this machine for a second engine");
        await using var engine = await SecondEngine.StartAsync([_scope.Workspace], Token);
        await using var nodes = RemoteNodes.Create(NodeConfig.For(engine), docker.Engine);
        await using var agent = await new RemoteNodeAgentProvider(nodes).StartAsync(Request(), new CollectingOutput(), Token);
        const int rounds = 15;

        // When branch a writes files on the node, step after step, while branch b writes files here (as writeFile does:
        // the mirror levelled first, then said changed) and reads each in a step on the node
        var a = Task.Run(async () =>
        {
            for (var i = 0; i < rounds; i++)
            {
                await SucceedsAsync(agent, $"echo a{i} > a-{i}.txt");
            }
        }, Token);
        var b = Task.Run(async () =>
        {
            for (var i = 0; i < rounds; i++)
            {
                await LevelAsync(agent);
                await File.WriteAllTextAsync(Path.Combine(_scope.Workspace, $"b-{i}.txt"), $"b{i}\n", Token);
                ((IMirroredWorkspace)agent).ChangedHere();
                await SucceedsAsync(agent, $"cat b-{i}.txt > b-{i}.out");
            }
        }, Token);
        await Task.WhenAll(a, b).WaitAsync(TimeSpan.FromMinutes(3), Token);
        var onNode = await agent.ExecuteAsync(_scope.Sh("cat a-*.txt b-*.txt b-*.out | sort | tr '\\n' ' '", capture: true), new CollectingOutput(), Token);
        await LevelAsync(agent);

        // Then every file is on both sides with its content
        var expected = Enumerable.Range(0, rounds).SelectMany(i => new[] { $"a{i}", $"b{i}", $"b{i}" }).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(string.Join(' ', expected) + " ", onNode.Stdout);
        for (var i = 0; i < rounds; i++)
        {
            Assert.Equal($"a{i}\n", File.ReadAllText(Path.Combine(_scope.Workspace, $"a-{i}.txt")));
            Assert.Equal($"b{i}\n", File.ReadAllText(Path.Combine(_scope.Workspace, $"b-{i}.txt")));
            Assert.Equal($"b{i}\n", File.ReadAllText(Path.Combine(_scope.Workspace, $"b-{i}.out")));
        }
    }

    [Fact]
    public async Task ExecuteAsync_UnchangedWorkspace_FetchesNothing_AndAChangedFileAlone()
    {
        // Given an agent on the node whose workspace of 200 files was sent at its start
        docker.RequireEngine();
        Assert.SkipUnless(SecondEngine.Available, "no dockerd on this machine for a second engine");
        for (var i = 0; i < 200; i++)
        {
            Directory.CreateDirectory(Path.Combine(_scope.Workspace, $"d{i % 10}"));
            File.WriteAllText(Path.Combine(_scope.Workspace, $"d{i % 10}", $"f{i}.txt"), $"file {i}\n");
        }

        await using var engine = await SecondEngine.StartAsync([_scope.Workspace], Token);
        await using var nodes = RemoteNodes.Create(NodeConfig.For(engine), docker.Engine);
        await using var agent = (RemoteNodeAgent)await new RemoteNodeAgentProvider(nodes).StartAsync(Request(), new CollectingOutput(), Token);

        // When steps run that change nothing (the first waits a little: what changed in the listing's own clock tick is
        // fetched again, to be safe), then one that changes one file
        await SucceedsAsync(agent, "sleep 0.1");
        await LevelAsync(agent);
        await SucceedsAsync(agent, "cat d3/f13.txt > /dev/null");
        await LevelAsync(agent);
        var afterUnchanged = agent.Mirror.Fetched;
        await SucceedsAsync(agent, "echo changed >> d3/f13.txt");
        await LevelAsync(agent);

        // Then nothing came back for the first two, and that file alone for the last
        Assert.Equal(3, agent.Mirror.Pulls);
        Assert.Equal(0, afterUnchanged);
        Assert.Equal(1, agent.Mirror.Fetched);
        Assert.Equal("file 13\nchanged\n", File.ReadAllText(Path.Combine(_scope.Workspace, "d3", "f13.txt")));
    }

    [Fact]
    public async Task ExecuteAsync_StepsInARow_NeitherScanNorList_UntilThisSideNeedsTheFiles()
    {
        // Given an agent on the node (its start sent the workspace: one push)
        docker.RequireEngine();
        Assert.SkipUnless(SecondEngine.Available, "no dockerd on this machine for a second engine");
        await using var engine = await SecondEngine.StartAsync([_scope.Workspace], Token);
        await using var nodes = RemoteNodes.Create(NodeConfig.For(engine), docker.Engine);
        await using var agent = (RemoteNodeAgent)await new RemoteNodeAgentProvider(nodes).StartAsync(Request(), new CollectingOutput(), Token);
        var pushesAtStart = agent.Mirror.Pushes;

        // When five steps in a row each write a file there
        for (var i = 0; i < 5; i++)
        {
            await SucceedsAsync(agent, $"echo n{i} > n{i}.txt");
        }

        var afterSteps = (agent.Mirror.Pushes, agent.Mirror.Pulls, File.Exists(Path.Combine(_scope.Workspace, "n4.txt")));
        await LevelAsync(agent);
        await LevelAsync(agent);

        // Then none scanned this side or listed the node, and one pull brought all five when this side asked
        Assert.Equal((pushesAtStart, 0, false), afterSteps);
        Assert.Equal(1, agent.Mirror.Pulls);
        Assert.All(Enumerable.Range(0, 5), i => Assert.Equal($"n{i}\n", File.ReadAllText(Path.Combine(_scope.Workspace, $"n{i}.txt"))));
        Assert.Equal(pushesAtStart, agent.Mirror.Pushes);
    }

    [Fact]
    public async Task ExecuteAsync_AFewSmallChangedFiles_ComeBackThroughTheAgentsShellWithoutAnArchiveRead()
    {
        // Given an agent on the node
        docker.RequireEngine();
        Assert.SkipUnless(SecondEngine.Available, "no dockerd on this machine for a second engine");
        await using var engine = await SecondEngine.StartAsync([_scope.Workspace], Token);
        await using var nodes = RemoteNodes.Create(NodeConfig.For(engine), docker.Engine);
        await using var agent = (RemoteNodeAgent)await new RemoteNodeAgentProvider(nodes).StartAsync(Request(), new CollectingOutput(), Token);

        // When a step writes a text file, an executable, a file of every byte value, a link and a file in a new folder
        await SucceedsAsync(agent, "echo text > a.txt; printf '#!/bin/sh\\n' > run.sh; chmod 750 run.sh; "
            + "i=0; while [ $i -lt 256 ]; do printf \"\\\\$(printf %o $i)\"; i=$((i+1)); done > bytes.bin; ln -s a.txt link; mkdir -p sub && echo deep > sub/d.txt");
        await LevelAsync(agent);

        // Then they are all here as there, and none came through GET /containers/{id}/archive
        var ws = _scope.Workspace;
        Assert.Equal("text\n", File.ReadAllText(Path.Combine(ws, "a.txt")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute,
            new FileInfo(Path.Combine(ws, "run.sh")).UnixFileMode);
        Assert.Equal(Enumerable.Range(0, 256).Select(i => (byte)i), File.ReadAllBytes(Path.Combine(ws, "bytes.bin")));
        Assert.Equal("a.txt", new FileInfo(Path.Combine(ws, "link")).LinkTarget);
        Assert.Equal("deep\n", File.ReadAllText(Path.Combine(ws, "sub", "d.txt")));
        Assert.Equal(5, agent.Mirror.Fetched);
        Assert.Equal(0, agent.Mirror.ArchiveReads);
    }

    private AgentRequest Request() => _scope.Request(null) with { Spec = new RemoteNodeAgentSpec(null) { Label = "remote" } };

    private static Task LevelAsync(IAgent agent) => ((IMirroredWorkspace)agent).LevelAsync(new CollectingOutput(), Token).AsTask();

    private async Task SucceedsAsync(IAgent agent, string script)
    {
        var output = new CollectingOutput();
        var result = await agent.ExecuteAsync(_scope.Sh(script), output, Token);
        Assert.True(result.ExitCode == 0, $"{script}: exit code {result.ExitCode}\n{output.Text}");
    }

    public void Dispose() => _scope.Dispose();
}
