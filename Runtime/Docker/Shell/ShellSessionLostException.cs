namespace ContainerCd.Runtime.Docker.Shell;

/// <summary>The shell of an agent ended (the container stopped or was killed) while a step ran.</summary>
internal sealed class ShellSessionLostException(string message) : Exception(message);
