using ContainerCd.Runtime.Docker;
using ContainerCd.Runtime.Docker.Engine;
using ContainerCd.Runtime.Pipeline.Configuration;

namespace ContainerCd.Server.Builds;

/// <summary>The executor <c>containercd serve</c> uses: the runtime's engine, with Docker agents when an engine answers.</summary>
internal static class PipelineExecutors
{
    /// <summary>Reads the config file (agents, credentials, tools, libraries); throws <see cref="ConfigException"/> with a position for a bad one.</summary>
    public static (IPipelineExecutor Executor, IAsyncDisposable Resources) Create(string? configFile)
    {
        var config = configFile is null ? RuntimeConfig.Empty : ConfigLoader.Load(configFile);
        var engine = DockerEngine.Create();
        var docker = new DockerAgentProvider(engine, DockerAgentOptions.Default);
        var executor = new EngineExecutor(config, docker, async (resourceScope, ct) =>
        {
            try
            {
                await docker.RemoveBuildAsync(resourceScope, ct).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Docker may be absent: nothing to remove then.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        });
        return (executor, new Resources(docker, engine));
    }

    private sealed class Resources(DockerAgentProvider docker, DockerEngine engine) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await docker.DisposeAsync().ConfigureAwait(false);
            engine.Dispose();
        }
    }
}
