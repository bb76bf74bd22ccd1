namespace ContainerCd.Server.Jobs;

/// <summary>A job the server can build: its name (used in URLs) and its Jenkinsfile.</summary>
internal sealed record JobDefinition(string Name, string JenkinsfilePath, string Source);
