using ContainerCd.Runtime.Agents;

namespace ContainerCd.Runtime.Docker.Nodes;

/// <summary>Work against the node (a step, a sync) watched by a heartbeat: a node that stops answering fails it, naming the node.</summary>
internal sealed partial class RemoteNodeAgent
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Runs <paramref name="work"/> with a token cancelled when a ping of the node every few seconds fails; that failure,
    /// or a broken connection to a node that no longer answers, becomes an <see cref="AgentLostException"/> naming the
    /// node (written to <paramref name="output"/>, the node marked offline). An offline node fails it at once.
    /// </summary>
    private async Task<T> WatchedAsync<T>(IShellOutput output, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        if (!_node.Online)
        {
            throw Lost(_node.OfflineReason ?? _node.CannotContact("is offline"), output);
        }

        using var watch = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        string? lost = null;
        var heartbeat = Task.Run(async () =>
        {
            while (!watch.IsCancellationRequested)
            {
                await Task.Delay(Heartbeat, watch.Token).ConfigureAwait(false);
                if (await _node.PingAsync(watch.Token).ConfigureAwait(false) is { } failure)
                {
                    lost = failure;
                    await watch.CancelAsync().ConfigureAwait(false);
                }
            }
        }, CancellationToken.None);
        try
        {
            return await work(watch.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not AgentLostException && !cancellationToken.IsCancellationRequested
            && (e is OperationCanceledException || NodeFailures.IsConnectionFailure(e)))
        {
            var failure = lost ?? await _node.PingAsync(CancellationToken.None).ConfigureAwait(false);
            if (failure is null)
            {
                throw;
            }

            throw Lost(failure, output, e);
        }
        finally
        {
            await watch.CancelAsync().ConfigureAwait(false);
            try
            {
                await heartbeat.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private AgentLostException Lost(string reason, IShellOutput output, Exception? cause = null)
    {
        _node.MarkLost(reason, _resourceScope);
        output.Write(reason + "\n");
        return cause is null ? new AgentLostException(reason) : new AgentLostException(reason, cause);
    }
}
