using ContainerCd.Runtime.Pipeline.Configuration;

namespace ContainerCd.Server.Builds;

/// <summary>The executor <c>containercd serve</c> uses: the runtime's engine, with the agent providers of <see cref="AgentProviders"/>.</summary>
internal static class PipelineExecutors
{
    /// <summary>Reads the config file (agents, credentials, tools, libraries); throws <see cref="ConfigException"/> with a position for a bad one.</summary>
    /// <returns>The executor, and its agent providers (disposed after the server; their remote nodes are the Nodes page's).</returns>
    public static (IPipelineExecutor Executor, AgentProviders Agents) Create(string? configFile)
    {
        var config = configFile is null ? RuntimeConfig.Empty : ConfigLoader.Load(configFile);
        var agents = AgentProviders.Create(config);
        return (new EngineExecutor(config, agents.All), agents);
    }
}
