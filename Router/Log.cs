using Microsoft.Extensions.Logging;

namespace ContainerCd.Router;

/// <summary>The router's diagnostic log lines (router.log).</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "route on port {Port}: backend {Pool} {Address} is {Verdict}")]
    public static partial void HealthChanged(ILogger logger, int port, string pool, Uri address, string verdict);

    [LoggerMessage(2, LogLevel.Information, "route on port {Port} ({Project}/{Service}) serves {Pools}")]
    public static partial void Applied(ILogger logger, int port, string project, string service, string pools);

    [LoggerMessage(3, LogLevel.Information, "route on port {Port} removed")]
    public static partial void Removed(ILogger logger, int port);

    [LoggerMessage(4, LogLevel.Warning, "backend {Pool} {Address} on port {Port} still had {InFlight} requests in flight when the drain timeout passed")]
    public static partial void DrainTimedOut(ILogger logger, int port, string pool, Uri address, long inFlight);

    [LoggerMessage(5, LogLevel.Error, "stored route {File} cannot be read: {Reason}")]
    public static partial void UnreadableRoute(ILogger logger, string file, string reason);

    [LoggerMessage(6, LogLevel.Error, "stored route on port {Port} cannot be served: {Reason}")]
    public static partial void RestoreFailed(ILogger logger, int port, string reason);

    [LoggerMessage(7, LogLevel.Information, "router for {Home} started (pid {Pid}), control socket {Socket}, {Routes} routes restored")]
    public static partial void Started(ILogger logger, string home, int pid, string socket, int routes);

    [LoggerMessage(8, LogLevel.Information, "router stopping")]
    public static partial void Stopping(ILogger logger);
}
