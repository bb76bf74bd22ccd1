using ContainerCd.Runtime.Docker.Nodes;
using ContainerCd.Server.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ContainerCd.Server.Nodes;

/// <summary>
/// Keeps the nodes' state current for the Nodes page and <c>/computer/api/json</c>: at start and then every
/// <see cref="ServeSettings.NodeCheckInterval"/>, each remote engine with no running work is asked whether it answers (all at once)
/// (a node running steps is pinged by them, every 5 s). A node that stops answering goes offline with the reason; one
/// that answers again is swept of what the builds it lost left, and takes work again. Never throws: a check that fails
/// in an unexpected way is logged and the next one runs.
/// </summary>
internal sealed partial class NodeMonitor(RemoteNodes nodes, ServeSettings settings, TimeProvider time, ILogger<NodeMonitor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (nodes.Nodes.IsEmpty)
        {
            return;
        }

        await Task.Yield(); // the server starts without waiting for the first answers
        using var timer = new PeriodicTimer(settings.NodeCheckInterval, time);
        do
        {
            await CheckIdleNodesAsync(stoppingToken).ConfigureAwait(false);
        }
        while (await WaitAsync(timer, stoppingToken).ConfigureAwait(false));
    }

    /// <summary>Asks the idle nodes together: one that does not answer (5 s) holds up no other.</summary>
    private Task CheckIdleNodesAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(nodes.Nodes.Where(n => n.Busy == 0).Select(node => CheckAsync(node, cancellationToken)));

    private async Task CheckAsync(RemoteNode node, CancellationToken cancellationToken)
    {
        try
        {
            await node.CheckAsync(null, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // A check must not end the monitor: the node keeps its state and the next round asks again.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogCheckFailed(logger, exception, node.Name);
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The health check of node {Node} failed")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception, string node);
}
