using ContainerCd.Runtime.Agents;

namespace ContainerCd.Docker.Tests;

/// <summary>Builds agent requests for tests: a fresh workspace directory per test, removed afterwards.</summary>
public sealed class AgentScope : IDisposable
{
    public AgentScope()
    {
        Workspace = Directory.CreateTempSubdirectory("containercd-docker-test-").FullName;
        BuildId = "test-" + Guid.NewGuid().ToString("N")[..10];
    }

    public string Workspace { get; }

    public string BuildId { get; }

    public AgentRequest Request(string? image, string? args = null, DockerfileSpec? dockerfile = null, bool passThrough = true, long? memory = null, double? cpus = null) =>
        new(BuildId, "docker-tests", 1, Workspace, new Dictionary<string, string> { ["NODE_VAR"] = "node" },
            new ContainerAgentSpec(image, dockerfile, args, AlwaysPull: false, RegistryUrl: null, RegistryCredentialsId: null, passThrough, memory, cpus) { Label = "docker" });

    public ShellCommand Sh(string script, bool capture = false, string? dir = null, IReadOnlyDictionary<string, string>? env = null) =>
        new(script, dir ?? Workspace, env ?? new Dictionary<string, string>(), capture);

    public void Dispose()
    {
        // The workspace, and WORKSPACE@tmp beside it (agents mount it for secret files).
        foreach (var directory in new[] { Workspace, Workspace + "@tmp" })
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (DirectoryNotFoundException)
            {
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
