namespace ContainerCd.Parser.Validation;

/// <summary>
/// An agent whose Docker engine is not the server's, as the config makes it: a <c>docker: isolated</c> agent
/// (<paramref name="Isolated"/>) or a node of <c>engines:</c>; <paramref name="Name"/> names it in messages.
/// </summary>
public sealed record ForeignEngine(string Name, bool Isolated);
