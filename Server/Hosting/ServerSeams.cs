using ContainerCd.Server.Triggers;
using ContainerCd.Server.Webhooks;

namespace ContainerCd.Server.Hosting;

/// <summary>
/// What the server's triggers reach beyond it, replaceable: the clock (a fake one in tests), the poller pollSCM
/// asks, and the repository jobs webhooks and <c>notifyCommit</c> are matched against. The defaults: the system
/// clock, a poller for jobs with no repository, no repository jobs.
/// </summary>
internal sealed record ServerSeams
{
    public static ServerSeams Default { get; } = new();

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public IScmPoller Poller { get; init; } = NoScmPoller.Instance;

    public IRepositoryJobs RepositoryJobs { get; init; } = NoRepositoryJobs.Instance;
}
