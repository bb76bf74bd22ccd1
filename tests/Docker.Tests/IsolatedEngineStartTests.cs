using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Docker.Isolated;
using ContainerCd.Runtime.Docker.Ownership;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace ContainerCd.Docker.Tests;

/// <summary>
/// How an isolated engine starts fast, against the real engine: from a template image with the base images already
/// in its data root (made once, never written by a build, made again when a preloaded image changes).
/// </summary>
[Collection(DockerTests.Name)]
public sealed class IsolatedEngineStartTests(DockerFixture docker)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SecondBuildsEngine_StartsFromTheTemplate_WithTheBaseImage_ButWithoutWhatTheFirstBuildBuilt()
    {
        docker.RequireEngine();
        await using var provider = new IsolatedEngineAgentProvider(docker.Engine, docker.Provider);
        using var first = new AgentScope();
        using var second = new AgentScope();
        try
        {
            // Given a first build that built and tagged an image in its engine
            var built = await RunAsync(provider, first,
                $"printf 'FROM {docker.BaseImage}\\nRUN echo first > /f\\n' | docker build -q -t iso-leak - >/dev/null\n"
                + "echo \"built=$(docker images -q iso-leak | wc -l)\"\n");
            Assert.Contains("built=1\n", built, StringComparison.Ordinal);

            // When a second build's engine starts
            var engineImage = "";
            var seen = await RunAsync(provider, second,
                "echo \"leak=$(docker images -q iso-leak | wc -l)\"\n"
                + $"docker run --rm {docker.BaseImage} echo base-image-there\n", engine => engineImage = engine);

            // Then it started from the template, has the base image, and nothing of the first build
            Assert.StartsWith(IsolatedEngines.TemplateRepository + ":", engineImage, StringComparison.Ordinal);
            Assert.Equal("leak=0\nbase-image-there\n", seen);
            var template = await docker.Engine.Client.Images.InspectImageAsync(engineImage, Token);
            var labels = Assert.IsType<IDictionary<string, string>>(template.Config?.Labels, exactMatch: false);
            Assert.Equal(ResourceLabels.EngineTemplateRole, labels[ResourceLabels.Role]);
            Assert.Equal("", labels[ResourceLabels.Owner]);
        }
        finally
        {
            await provider.ReleaseBuildAsync(first.BuildId, CancellationToken.None);
            await provider.ReleaseBuildAsync(second.BuildId, CancellationToken.None);
        }
    }

    [Fact]
    public async Task TemplateOfAChangedPreloadedImage_IsMadeAgain_AndTheOldVersionGoes()
    {
        docker.RequireEngine();
        var image = "containercd-test/iso-preload:" + Guid.NewGuid().ToString("N")[..8];
        var options = IsolatedEngineOptions.Default with { Preload = [image] };
        await using var provider = new IsolatedEngineAgentProvider(docker.Engine, docker.Provider, null, options);
        using var first = new AgentScope();
        using var second = new AgentScope();
        var templates = new List<string>();
        var versions = new List<string>();
        try
        {
            // Given an engine started while the preloaded image said v1
            versions.Add(await TagVersionAsync(image, "v1"));
            var one = await RunAsync(provider, first, $"docker run --rm {image} cat /version\n", engine => templates.Add(engine));

            // When the image changes and the next engine starts
            versions.Add(await TagVersionAsync(image, "v2"));
            var two = await RunAsync(provider, second, $"docker run --rm {image} cat /version\n", engine => templates.Add(engine));

            // Then each engine had the version of its time, from a template of its own, and the older template is gone
            Assert.Equal("v1\n", one);
            Assert.Equal("v2\n", two);
            Assert.All(templates, t => Assert.StartsWith(IsolatedEngines.TemplateRepository + ":", t, StringComparison.Ordinal));
            Assert.NotEqual(templates[0], templates[1]);
            Assert.False(await docker.HasImageAsync(templates[0], Token));
            Assert.True(await docker.HasImageAsync(templates[1], Token));
        }
        finally
        {
            await provider.ReleaseBuildAsync(first.BuildId, CancellationToken.None);
            await provider.ReleaseBuildAsync(second.BuildId, CancellationToken.None);
            foreach (var name in templates.Append(image).Concat(versions))
            {
                await RemoveImageAsync(name);
            }
        }
    }

    /// <summary>Starts an isolated agent for <paramref name="scope"/>, runs <paramref name="script"/> there and returns its output; then the build ends (its engine goes).</summary>
    private async Task<string> RunAsync(IsolatedEngineAgentProvider provider, AgentScope scope, string script, Action<string>? engineImage = null)
    {
        var log = new CollectingOutput();
        var agent = await provider.StartAsync(Isolated(scope), log, Token);
        try
        {
            var result = await agent.ExecuteAsync(scope.Sh(script, capture: true), log, Token);
            Assert.True(result.ExitCode == 0, log.Text + result.Stdout);
            engineImage?.Invoke((await docker.Engine.Client.Containers.InspectContainerAsync(await EngineOfAsync(scope.BuildId), Token)).Config?.Image ?? "");
            return result.Stdout!;
        }
        finally
        {
            await agent.DisposeAsync();
            await provider.ReleaseBuildAsync(scope.BuildId, Token);
        }
    }

    private AgentRequest Isolated(AgentScope scope)
    {
        var request = scope.Request(docker.BaseImage);
        return request with { Spec = new IsolatedEngineAgentSpec((ContainerAgentSpec)request.Spec, Cache: false) { Label = "iso" } };
    }

    private async Task<string> EngineOfAsync(string build) =>
        Assert.Single(await docker.Engine.Client.Containers.ListContainersAsync(new ContainersListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["label"] = new Dictionary<string, bool> { [$"{ResourceLabels.Role}={ResourceLabels.EngineRole}"] = true, [$"{ResourceLabels.Build}={build}"] = true },
            },
        }, Token)).ID;

    /// <summary>Tags <paramref name="image"/> on the host engine as the base image with /version saying <paramref name="version"/>; returns its ID.</summary>
    private async Task<string> TagVersionAsync(string image, string version)
    {
        var created = await docker.Engine.Client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = docker.BaseImage,
            Cmd = ["sh", "-c", $"echo {version} > /version"],
        }, Token);
        try
        {
            await docker.Engine.Client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), Token);
            await docker.Engine.Client.Containers.WaitContainerAsync(created.ID, Token);
            var (repository, tag) = (image[..image.LastIndexOf(':')], image[(image.LastIndexOf(':') + 1)..]);
            return (await docker.Engine.Client.Images.CommitContainerChangesAsync(new CommitContainerChangesParameters { ContainerID = created.ID, RepositoryName = repository, Tag = tag }, Token)).ID;
        }
        finally
        {
            await docker.Engine.Client.Containers.RemoveContainerAsync(created.ID, new ContainerRemoveParameters { Force = true }, CancellationToken.None);
        }
    }

    private async Task RemoveImageAsync(string image)
    {
        try
        {
            await docker.Engine.Client.Images.DeleteImageAsync(image, new ImageDeleteParameters { Force = true }, CancellationToken.None);
        }
        catch (DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
        }
    }
}
