namespace ContainerCd.Runtime.Agents;

/// <summary>
/// The node a step ran on stopped answering in the middle of it (a remote engine that died or became unreachable):
/// the message names the node, as Jenkins' "Cannot contact NAME: ..." does. The step fails with it.
/// </summary>
public sealed class AgentLostException : IOException
{
    public AgentLostException(string message)
        : base(message)
    {
    }

    public AgentLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
