using System.Net.Sockets;
using System.Security.Authentication;
using ContainerCd.Runtime.Docker.Shell;
using Docker.DotNet;

namespace ContainerCd.Runtime.Docker.Nodes;

/// <summary>The exceptions a node's engine causes when it is gone or unreachable (as opposed to faults of ContainerCd).</summary>
internal static class NodeFailures
{
    public static bool IsConnectionFailure(Exception e) => e switch
    {
        HttpRequestException or IOException or SocketException or DockerApiException or TimeoutException or AuthenticationException or ShellSessionLostException => true,
        AggregateException aggregate => aggregate.InnerExceptions.All(IsConnectionFailure),
        _ => false,
    };
}
