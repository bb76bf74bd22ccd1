using ContainerCd.Runtime.Delivery.Routing;
using ContainerCd.Runtime.Docker.Nodes;
using ContainerCd.Server.Triggers;
using ContainerCd.Server.Webhooks;

namespace ContainerCd.Server.Hosting;

/// <summary>
/// What the server's triggers reach beyond it, replaceable: the clock (a fake one in tests), the poller pollSCM
/// asks, the repository jobs webhooks and <c>notifyCommit</c> are matched against, the router whose live weights the Deployments page shows, and the remote engines (build nodes) the Nodes page shows. The defaults: the system
/// clock, and the server's own repository jobs (the config's <c>repository:</c> jobs, polled with git) for both others.
/// </summary>
internal sealed record ServerSeams
{
    public static ServerSeams Default { get; } = new();

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Null: the server's repository jobs poll with git.</summary>
    public IScmPoller? Poller { get; init; }

    /// <summary>Null: the server's repository jobs.</summary>
    public IRepositoryJobs? RepositoryJobs { get; init; }

    /// <summary>The router the Deployments page asks for live weights; null: none (the page says "router not running").</summary>
    public IRouterControl? Router { get; init; }

    /// <summary>The remote Docker engines the builds run agents on (the config's <c>engines:</c>), shown on the Nodes page; default: none.</summary>
    public RemoteNodes Nodes { get; init; } = RemoteNodes.Empty;
}
