using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Docker;
using ContainerCd.Runtime.Docker.Engine;
using ContainerCd.Runtime.Docker.Images;
using Docker.DotNet;

namespace ContainerCd.Docker.Tests;

/// <summary>
/// Shared by every Docker-backed test: the engine (DOCKER_HOST or the default socket), the busybox base
/// image bootstrapped locally, one provider, and a deadline for the whole collection. Without an engine
/// the tests skip with the reason locally, and fail in CI (CI=true or CONTAINERCD_REQUIRE_DOCKER=1).
/// </summary>
public sealed class DockerFixture : IAsyncLifetime
{
    public DockerEngine Engine { get; } = DockerEngine.Create();

    public DockerAgentProvider Provider { get; private set; } = null!;

    public CancellationTokenSource Deadline { get; } = new(TimeSpan.FromMinutes(15));

    public string? SkipReason { get; private set; }

    public string BaseImage { get; } = BaseImages.Busybox;

    public string BootstrapLog { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        try
        {
            await Engine.EnsureReachableAsync(Deadline.Token);
        }
        catch (AgentStartException e) when (!MustRun)
        {
            SkipReason = e.Message;
            return;
        }

        var log = new CollectingOutput();
        await new BaseImageBootstrapper(Engine).BusyboxAsync(log, installMissing: MustRun, Deadline.Token);
        BootstrapLog = log.Text;
        Provider = new DockerAgentProvider(Engine);
    }

    /// <summary>CI (CI=true, or CONTAINERCD_REQUIRE_DOCKER=1 as .ci/run sets) never skips these tests.</summary>
    public static bool MustRun => CiEnvironment.RequiresDocker;

    /// <summary>Whether this machine's engine has the image (a name or an id).</summary>
    public async Task<bool> HasImageAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await Engine.Client.Images.InspectImageAsync(name, cancellationToken);
            return true;
        }
        catch (DockerImageNotFoundException)
        {
            return false;
        }
        catch (DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>Skips the calling test when no engine answers (never in CI: there InitializeAsync fails).</summary>
    public void RequireEngine() => Assert.SkipWhen(SkipReason is not null, SkipReason ?? "");

    public async ValueTask DisposeAsync()
    {
        if (Provider is not null)
        {
            await Provider.DisposeAsync();
        }

        Engine.Dispose();
        Deadline.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class DockerTests : ICollectionFixture<DockerFixture>
{
    public const string Name = "docker";
}
