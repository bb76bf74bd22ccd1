using System.Collections.Immutable;
using System.Text;
using ContainerCd.Parser.Text;
using ContainerCd.Runtime.Docker.Pipeline;
using ContainerCd.Runtime.Events;
using ContainerCd.Runtime.Pipeline;
using ContainerCd.Runtime.Pipeline.Configuration;
using ContainerCd.Runtime.Testing;

namespace ContainerCd.Docker.Tests;

/// <summary>Runs a whole Jenkinsfile through the engine with the fixture's Docker provider; returns the outcome and the console log.</summary>
internal static class PipelineRun
{
    public static async Task<(BuildOutcome Outcome, string Log)> RunAsync(DockerFixture docker, string home, string jenkinsfile, string job,
        string? sourceDirectory = null, RuntimeConfig? config = null, IEnumerable<IPipelineExtension>? extensions = null,
        IReadOnlyDictionary<string, string>? environment = null, IEnumerable<ContainerCd.Runtime.Agents.IAgentProvider>? agents = null,
        CancellationToken? cancellationToken = null)
    {
        var observer = new LogObserver();
        var request = new BuildRequest
        {
            Jenkinsfile = new SourceText("Jenkinsfile", jenkinsfile),
            Job = job,
            Home = home,
            History = new InMemoryBuildHistory(),
            Agents = [ContainerCd.Runtime.Agents.Host.HostAgentProvider.Instance, docker.Provider, .. agents ?? []],
            Extensions = [DockerPipelineExtension.Instance, .. extensions ?? []],
            Environment = (environment ?? new Dictionary<string, string>()).ToImmutableDictionary(),
            SourceDirectory = sourceDirectory,
            Config = config ?? RuntimeConfig.Empty,
        };
        var outcome = await PipelineEngine.RunAsync(request, observer, cancellationToken ?? TestContext.Current.CancellationToken);
        return (outcome, observer.Text);
    }

    private sealed class LogObserver : IBuildObserver
    {
        private readonly StringBuilder _text = new();

        public string Text
        {
            get
            {
                lock (_text)
                {
                    return _text.ToString();
                }
            }
        }

        public void OnEvent(BuildEvent buildEvent)
        {
            if (buildEvent is LogChunk chunk)
            {
                lock (_text)
                {
                    _text.Append(chunk.Text);
                }
            }
        }
    }
}
