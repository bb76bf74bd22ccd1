using System.Collections.Immutable;
using ContainerCd.Parser.Text;
using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Pipeline;
using ContainerCd.Runtime.Pipeline.Configuration;
using ContainerCd.Runtime.Results;
using ContainerCd.Runtime.Testing;

namespace ContainerCd.Runtime.Tests.Engine;

/// <summary>Runs a Jenkinsfile through the engine with an in-memory history and a temporary home.</summary>
internal sealed class PipelineRunner : IDisposable
{
    public PipelineRunner()
    {
        Home = Path.Combine(Path.GetTempPath(), "ccd-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Home);
    }

    public string Home { get; }

    public InMemoryBuildHistory History { get; } = new();

    /// <summary>The host agents' provider; null: the real one (processes on this machine).</summary>
    public IAgentProvider? HostProvider { get; init; }

    public RuntimeConfig Config { get; init; } = RuntimeConfig.Empty;

    public async Task<(BuildResult Result, string Log, RecordingObserver Observer)> RunAsync(
        string jenkinsfile, string job = "test0", IInputHandler? inputs = null, ImmutableDictionary<string, string>? parameters = null,
        ImmutableDictionary<string, string>? environment = null, CancellationTokenSource? abort = null, Func<BuildRequest, BuildRequest>? adjust = null,
        RecordingObserver? observer = null)
    {
        observer ??= new RecordingObserver();
        var request = new BuildRequest
        {
            Jenkinsfile = new SourceText("Jenkinsfile", jenkinsfile),
            Job = job,
            Home = Home,
            History = History,
            Config = Config,
            Inputs = inputs ?? InputHandlers.AbortAll,
            Parameters = parameters ?? ImmutableDictionary<string, string>.Empty,
            Environment = environment ?? ImmutableDictionary<string, string>.Empty,
            Agents = [HostProvider ?? ContainerCd.Runtime.Agents.Host.HostAgentProvider.Instance],
        };
        request = adjust?.Invoke(request) ?? request;
        var outcome = await PipelineEngine.RunAsync(request, observer, abort?.Token ?? TestContext.Current.CancellationToken);
        return (outcome.Result, observer.Log, observer);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Home, true);
        }
        catch (IOException)
        {
        }
    }
}
