namespace ContainerCd.Runtime.Agents;

/// <summary>An agent could not start; the message names the cause and the fix (an image that cannot be pulled, no engine).</summary>
public sealed class AgentStartException : Exception
{
    public AgentStartException(string message)
        : base(message)
    {
    }

    public AgentStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
