using System.Reflection;

namespace ContainerCd.Server.Tests.Support;

/// <summary>
/// The folder the README's plain publish makes (<c>dotnet publish Server -c CONFIGURATION</c>, of this test run's build),
/// made once for the tests that share it and removed after them.
/// </summary>
public sealed class PublishedFolder : IAsyncLifetime
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "containercd-published", Guid.NewGuid().ToString("N"));

    /// <summary>The <c>containercd</c> that users run.</summary>
    public string Entry => Path.Combine(Directory, "containercd");

    /// <summary>What <c>dotnet publish</c> printed (its warnings say why an entry is not native).</summary>
    public string PublishOutput { get; private set; } = string.Empty;

    public async ValueTask InitializeAsync()
    {
        var configuration = typeof(PublishedFolder).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var root = Repository.Root();
        var project = Path.Combine(root, "Server", "ContainerCd.Server.csproj");
        var publish = await ChildProcess.RunAsync("dotnet", ["publish", project, "-c", configuration, "--no-build", "-nologo", "-o", Directory], root, TimeSpan.FromMinutes(20));
        PublishOutput = publish.Output + publish.Error;
        if (publish.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed ({publish.ExitCode}):\n{PublishOutput}");
        }
    }

    public ValueTask DisposeAsync()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}
