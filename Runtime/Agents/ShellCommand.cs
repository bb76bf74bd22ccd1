namespace ContainerCd.Runtime.Agents;

/// <summary>
/// One <c>sh</c> step: the script (run as <c>sh -xe</c> would, as Jenkins does, unless it starts with
/// its own <c>#!</c> line), the directory to run it in, and the variables the pipeline set.
/// <see cref="Environment"/> overrides the agent's own environment (the host's for the host agent,
/// the image's for a container); a key of the form <c>PATH+NAME</c> is prepended to the agent's PATH,
/// as Jenkins' <c>withEnv</c> does.
/// </summary>
public sealed record ShellCommand(
    string Script,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment,
    bool CaptureStdout);
