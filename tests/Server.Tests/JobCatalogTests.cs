using ContainerCd.Server.Jobs;

namespace ContainerCd.Server.Tests;

public sealed class JobCatalogTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "containercd-jobs-tests", Guid.NewGuid().ToString("N"));

    public JobCatalogTests() => Directory.CreateDirectory(Path.Combine(_folder, "home", "jobs"));

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void All_JobsFromConfigAndFolder_ConfigPathsRelativeToTheConfigFile()
    {
        // Given
        var config = Path.Combine(_folder, "containercd.yml");
        File.WriteAllText(config, "jobs:\n  web: apps/web/Jenkinsfile\n  api:\n    jenkinsfile: /srv/api/Jenkinsfile\nagents: {}\n");
        var jobs = Path.Combine(_folder, "home", "jobs");
        Directory.CreateDirectory(Path.Combine(jobs, "nightly"));
        File.WriteAllText(Path.Combine(jobs, "nightly", "Jenkinsfile"), "pipeline {}");
        File.WriteAllText(Path.Combine(jobs, "docs.Jenkinsfile"), "pipeline {}");
        Directory.CreateDirectory(Path.Combine(jobs, "empty"));

        // When
        var catalog = new JobCatalog(config, jobs);

        // Then
        Assert.Equal(["api", "docs", "nightly", "web"], catalog.All().Select(j => j.Name));
        Assert.Equal(Path.Combine(_folder, "apps", "web", "Jenkinsfile"), catalog.Find("web")!.JenkinsfilePath);
        Assert.Equal("/srv/api/Jenkinsfile", catalog.Find("api")!.JenkinsfilePath);
        Assert.Null(catalog.Find("empty"));
        Assert.Null(catalog.Find("../etc"));
    }

    [Fact]
    public void Constructor_BadJobName_FailsWithPosition()
    {
        var config = Path.Combine(_folder, "bad.yml");
        File.WriteAllText(config, "jobs:\n  'my job': Jenkinsfile\n");

        var error = Assert.Throws<InvalidDataException>(() => new JobCatalog(config, Path.Combine(_folder, "home", "jobs")));

        Assert.Contains("bad.yml(2,3): job 'my job'", error.Message, StringComparison.Ordinal);
    }
}
