using System.Collections.Concurrent;
using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Results;

namespace ContainerCd.Runtime.Tests.Engine;

/// <summary>
/// Where the step dispatch syncs a mirrored workspace (a remote node's): levelled before a step that reads or writes the
/// files here and at the agent's scope end, said changed around a writer, and left alone around shell steps (they run
/// where the files are) and steps that touch no file (echo, withEnv, timeout, script; dir into a folder that exists).
/// </summary>
public class MirroredWorkspaceDispatchTests
{
    [Fact]
    public async Task StepsOnAMirroredAgent_LevelBeforeReadersAndWritersOnly_AndSayWritersChangedTheFiles()
    {
        // Given an agent whose workspace is a mirror, recording each step there and each sync the dispatch asks for
        var provider = new MirroredProvider();
        using var runner = new PipelineRunner();
        const string jenkinsfile = """
            pipeline {
              agent any
              stages {
                stage('s') {
                  steps {
                    sh 'one'
                    sh 'two'
                    echo 'no files'
                    withEnv(['A=1']) { timeout(time: 1, unit: 'MINUTES') { script { sh 'three' } } }
                    writeFile file: 'w.txt', text: 'x'
                    script { readFile 'w.txt' }
                    dir('sub') { sh 'four' }
                    dir('sub') { sh 'five' }
                    sh 'six'
                  }
                }
              }
            }
            """;

        // When the pipeline runs
        var (result, log, _) = await runner.RunAsync(jenkinsfile, adjust: request => request with { Agents = [provider] });

        // Then
        string[] expected =
        [
            "sh one", "sh two", "sh three",
            "level", "changed", "changed", // writeFile: levelled first, then said changed (before its work, and after)
            "level", // readFile
            "level", "changed", "sh four", // dir('sub') making the folder: looked for there first, then made here
            "sh five", "sh six",
            "level", // the agent's scope ends
        ];
        Assert.True(result == BuildResult.Success, log);
        Assert.Equal(expected, provider.Journal.ToArray());
    }

    private sealed class MirroredProvider : IAgentProvider
    {
        public ConcurrentQueue<string> Journal { get; } = new();

        public bool CanStart(AgentSpec spec) => spec is HostAgentSpec;

        public ValueTask<IAgent> StartAsync(AgentRequest request, IShellOutput log, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<IAgent>(new MirroredAgent(request.Workspace, Journal));

        public ValueTask ReleaseBuildAsync(string resourceScope, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
    }

    private sealed class MirroredAgent(string workspace, ConcurrentQueue<string> journal) : IAgent, IMirroredWorkspace
    {
        public string NodeName => "mirrored";

        public IReadOnlyList<string> Labels => [];

        public string Workspace { get; } = workspace;

        public IReadOnlyDictionary<string, string> Environment { get; } = new Dictionary<string, string>();

        public ValueTask<ShellResult> ExecuteAsync(ShellCommand command, IShellOutput output, CancellationToken cancellationToken = default)
        {
            journal.Enqueue("sh " + command.Script);
            return ValueTask.FromResult(new ShellResult(0, null));
        }

        public ValueTask LevelAsync(IShellOutput output, CancellationToken cancellationToken = default)
        {
            journal.Enqueue("level");
            return ValueTask.CompletedTask;
        }

        public void ChangedHere() => journal.Enqueue("changed");

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
