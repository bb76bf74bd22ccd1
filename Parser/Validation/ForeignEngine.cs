namespace ContainerCd.Parser.Validation;

/// <summary>
/// An agent whose Docker engine is not the server's, as the config makes it: a <c>docker: isolated</c> agent
/// (<paramref name="Isolated"/>) or a node of <c>engines:</c>; <paramref name="Name"/> names it in messages.
/// <paramref name="DockerCli"/>: its agents' docker CLI reaches the agent's own engine (a node whose config names its
/// <c>socket:</c>), so the <c>docker</c> global's CLI operations run there.
/// </summary>
public sealed record ForeignEngine(string Name, bool Isolated, bool DockerCli = false);
