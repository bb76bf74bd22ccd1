using ContainerCd.Runtime.Delivery.Routing;

namespace ContainerCd.Router.Proxy;

/// <summary>
/// One backend of a route as the router sees it: its health (unknown until the first check, so a new backend gets no
/// request before it has passed one), requests in flight, requests served, and whether it was removed from the table
/// (then it gets no new request, and the removal waits for its requests in flight).
/// </summary>
internal sealed class Backend(string pool, Uri address)
{
    /// <summary>Failed active checks in a row that make a healthy backend unhealthy (one failure may be a slow answer under load).</summary>
    public const int FailuresToMarkDown = 2;

    private readonly TaskCompletionSource _firstCheck = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _inFlight;
    private long _served;
    private int _failures;
    private volatile bool _healthy;
    private volatile bool _removed;

    public string Pool { get; } = pool;

    public Uri Address { get; } = address;

    /// <summary>The prefix requests are forwarded to: the address without a trailing slash.</summary>
    public string Prefix { get; } = address.GetLeftPart(UriPartial.Authority) + address.AbsolutePath.TrimEnd('/');

    public bool Healthy => _healthy;

    public bool Removed => _removed;

    public long InFlight => Interlocked.Read(ref _inFlight);

    public long Served => Interlocked.Read(ref _served);

    /// <summary>Completes when the first health check has a verdict.</summary>
    public Task FirstCheck => _firstCheck.Task;

    public BackendState State => new(Pool, Address, Healthy, InFlight, Served);

    /// <summary>Counts a request in, unless the backend was removed meanwhile (then the caller chooses again).</summary>
    public bool TryEnter()
    {
        Interlocked.Increment(ref _inFlight);
        if (!_removed)
        {
            return true;
        }

        Interlocked.Decrement(ref _inFlight);
        return false;
    }

    public void Exit(bool served)
    {
        if (served)
        {
            Interlocked.Increment(ref _served);
        }

        Interlocked.Decrement(ref _inFlight);
    }

    public void Remove() => _removed = true;

    /// <summary>An active check's verdict: one pass makes it healthy, <see cref="FailuresToMarkDown"/> failures in a row unhealthy.</summary>
    public void Checked(bool passed)
    {
        if (passed)
        {
            Volatile.Write(ref _failures, 0);
            _healthy = true;
        }
        else if (Interlocked.Increment(ref _failures) >= FailuresToMarkDown || !_firstCheck.Task.IsCompleted)
        {
            _healthy = false;
        }

        _firstCheck.TrySetResult();
    }

    /// <summary>Passive check: a refused connection marks it unhealthy at once, until an active check passes again.</summary>
    public void MarkDown()
    {
        Volatile.Write(ref _failures, FailuresToMarkDown);
        _healthy = false;
    }
}
