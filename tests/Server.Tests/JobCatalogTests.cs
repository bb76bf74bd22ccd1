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

    [Fact]
    public void Constructor_RepositoryJobs_ReadWithTheirSettings()
    {
        var config = Path.Combine(_folder, "repos.yml");
        File.WriteAllText(config, "jobs:\n  app:\n    repository: git/app.git\n    branch: main\n    webhookSecret: hook\n  app-all:\n    repository: https://git.example.com/app.git\n    multibranch: true\n    discover: [branches, tags]\n    scanInterval: 5m\n    scriptPath: ci/Jenkinsfile\n");

        var catalog = new JobCatalog(config, Path.Combine(_folder, "home", "jobs"));

        var app = catalog.Find("app")!;
        Assert.Equal("file://" + Path.Combine(_folder, "git", "app.git"), app.Repository!.Url);
        Assert.Equal(("main", "Jenkinsfile", "hook", false), (app.Repository.Branch, app.Repository.ScriptPath, app.Repository.WebhookSecretId, app.IsMultibranch));
        var all = catalog.Find("app-all")!;
        Assert.True(all.IsMultibranch);
        Assert.False(all.Buildable);
        Assert.Equal(["branches", "tags"], all.Repository!.Discover);
        Assert.Equal(TimeSpan.FromMinutes(5), all.Repository.ScanInterval);
        Assert.Equal("ci/Jenkinsfile", all.Repository.ScriptPath);
    }

    [Theory]
    [InlineData("    repository: /srv/app.git\n    brnach: main\n", "repos.yml(4,5): job 'app': unknown key 'brnach'")]
    [InlineData("    repository: /srv/app.git\n    multibranch: true\n    branch: main\n", "repos.yml(5,13): job 'app': a multibranch job builds every branch")]
    [InlineData("    repository: /srv/app.git\n    multibranch: true\n    scanInterval: often\n", "repos.yml(5,19): job 'app': scanInterval is a number and a unit")]
    [InlineData("    repository: /srv/app.git\n    multibranch: true\n    discover: [pulls]\n", "repos.yml(5,15): job 'app': discover lists what a scan makes jobs of")]
    [InlineData("    repository: /srv/app.git\n    discover: tags\n", "repos.yml(4,15): job 'app': 'discover' and 'scanInterval' are for multibranch jobs")]
    public void Constructor_BadRepositoryJob_FailsWithPosition(string settings, string expected)
    {
        var config = Path.Combine(_folder, "repos.yml");
        File.WriteAllText(config, "jobs:\n  app:\n" + settings);

        var error = Assert.Throws<InvalidDataException>(() => new JobCatalog(config, Path.Combine(_folder, "home", "jobs")));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
