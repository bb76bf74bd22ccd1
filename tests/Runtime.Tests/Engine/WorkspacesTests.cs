using ContainerCd.Runtime.Pipeline;

namespace ContainerCd.Runtime.Tests.Engine;

public sealed class WorkspacesTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("ccd-workspaces-").FullName;

    [Fact]
    public void Acquire_WhileTheJobsWorkspaceIsHeld_GivesTheNextFreeSuffix_AndReusesItOnceFreed()
    {
        var workspaces = new Workspaces(_home, "app");
        var root = Path.Combine(_home, "workspace");

        using var first = workspaces.Acquire(null);
        var second = new Workspaces(_home, "app").Acquire(null);
        using var third = workspaces.Acquire(null);
        Assert.Equal(Path.Combine(root, "app"), first.Path);
        Assert.Equal(Path.Combine(root, "app@2"), second.Path);
        Assert.Equal(Path.Combine(root, "app@3"), third.Path);
        Assert.True(Directory.Exists(second.Path));

        second.Dispose();
        second.Dispose();
        using var again = workspaces.Acquire(null);
        Assert.Equal(Path.Combine(root, "app@2"), again.Path);
    }

    [Fact]
    public void Acquire_CustomWorkspace_IsRelativeToTheWorkspaceRootOrAbsolute()
    {
        var workspaces = new Workspaces(_home, "app");
        var absolute = Path.Combine(_home, "elsewhere");

        using var relative = workspaces.Acquire("shared/dir");
        using var rooted = workspaces.Acquire(absolute);
        using var rootedAgain = workspaces.Acquire(absolute);

        Assert.Equal(Path.Combine(_home, "workspace", "shared", "dir"), relative.Path);
        Assert.Equal(absolute, rooted.Path);
        Assert.Equal(absolute + "@2", rootedAgain.Path);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_home, true);
        }
        catch (IOException)
        {
        }
    }
}
