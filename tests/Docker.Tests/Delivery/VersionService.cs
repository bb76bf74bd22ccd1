namespace ContainerCd.Docker.Tests.Delivery;

/// <summary>A tiny HTTP service for deploy tests: busybox httpd serving its VERSION build arg, with a Docker healthcheck on a path (a generous timeout: shared CI machines can be slow to fork a wget).</summary>
internal sealed class VersionService : IDisposable
{
    public VersionService()
    {
        Directory = Path.Combine(Path.GetTempPath(), "ccd-deploy-" + Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(Directory);
        File.WriteAllText(Path.Combine(Directory, "Dockerfile"), """
            FROM containercd/busybox:latest
            ARG VERSION
            RUN mkdir -p /www && echo "$VERSION" > /www/index.html
            CMD ["httpd", "-f", "-p", "8080", "-h", "/www"]
            """);
        Project = "t" + Guid.NewGuid().ToString("N")[..10];
    }

    public string Directory { get; }

    public string Project { get; }

    /// <summary>
    /// A template of one service <c>web</c> at <paramref name="version"/>, published on <paramref name="port"/>; its
    /// healthcheck GETs <paramref name="healthPath"/>; <paramref name="deploy"/> is one more line under <c>deploy:</c>
    /// (<c>update_config: { ... }</c>).
    /// </summary>
    public static string Template(string version, int port, string healthPath = "/", int replicas = 1, string extra = "", string deploy = "") => $$"""
        services:
          web:
            build: { context: ., args: { VERSION: "{{version}}" } }
            ports: ["{{port}}:8080"]
            healthcheck:
              test: ["CMD", "wget", "-q", "-O-", "http://127.0.0.1:8080{{healthPath}}"]
              interval: 500ms
              timeout: 10s
              retries: 5
            deploy:
              replicas: {{replicas}}
              {{deploy}}
        {{extra}}
        """;

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
