using Microsoft.Extensions.Logging;

namespace ContainerCd.Router.Proxy;

/// <summary>
/// A route's active health check: <c>GET path</c> on every backend of the table, every interval (and at once when the
/// table changes); 2xx or 3xx within the timeout passes.
/// </summary>
internal sealed class HealthProbe : IAsyncDisposable
{
    private readonly Route _route;
    private readonly HttpClient _client;
    private readonly ILogger _log;
    private readonly SemaphoreSlim _wake = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public HealthProbe(Route route, HttpClient client, ILogger log)
    {
        _route = route;
        _client = client;
        _log = log;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Checks now rather than at the next interval (a new table has new backends).</summary>
    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
#pragma warning disable VSTHRD003 // The loop is this object's own task, started in its constructor.
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
#pragma warning restore VSTHRD003
        _stop.Dispose();
        _wake.Dispose();
    }

    private async Task RunAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var snapshot = _route.Current;
            await Task.WhenAll(snapshot.Backends.Select(backend => CheckAsync(backend, snapshot.Table.HealthCheck))).ConfigureAwait(false);
            try
            {
                await _wake.WaitAsync(snapshot.Table.HealthCheck.Interval, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task CheckAsync(Backend backend, Runtime.Delivery.Routing.RouteHealthCheck check)
    {
        var wasHealthy = backend.Healthy;
        string? failure = null;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token))
        {
            timeout.CancelAfter(check.Timeout);
            try
            {
                using var response = await _client.GetAsync(backend.Prefix + check.Path, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                failure = status is >= 200 and < 400 ? null : $"answered {status}";
            }
            catch (OperationCanceledException) when (!_stop.IsCancellationRequested)
            {
                failure = $"no answer within {check.Timeout.TotalSeconds:0.###} s";
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (HttpRequestException e)
            {
                failure = e.Message;
            }
        }

        backend.Checked(failure is null);
        if (backend.Healthy != wasHealthy)
        {
            Log.HealthChanged(_log, _route.Current.Table.PublicPort, backend.Pool, backend.Address, backend.Healthy ? "healthy" : "unhealthy: " + failure);
        }
    }
}
