namespace ContainerCd.Server.Builds;

/// <summary>The executor <c>containercd serve</c> uses.</summary>
internal static class PipelineExecutors
{
    public static IPipelineExecutor Create() => new UnavailableExecutor(TimeProvider.System);
}
