using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

namespace ContainerCd.Server.Tests.Support;

/// <summary>
/// The page's requests for byte ranges of a build's log (<c>/api/…/log?start=…&amp;end=…</c>), counted; with
/// <see cref="HoldAllButTheTailAsync"/>, the answers for every range but the tail's wait until
/// <see cref="Release"/>: earlier blocks answer late, as on a slow link or a busy server. With
/// <see cref="FailOnceAllButTheTailAsync"/>, the first request for each range but the tail's fails.
/// </summary>
internal sealed class LogRanges
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly HashSet<string> _failed = [];
    private int _held;
    private int _inFlight;

    /// <summary>How many answers were held back.</summary>
    public int Held => Volatile.Read(ref _held);

    public static Task<LogRanges> HoldAllButTheTailAsync(IPage page, long logSize) => InstallAsync(page, logSize, (ranges, route) => ranges.HoldAsync(route));

    public static Task<LogRanges> FailOnceAllButTheTailAsync(IPage page, long logSize) => InstallAsync(page, logSize, (ranges, route) => ranges.FailOnceAsync(route));

    private static async Task<LogRanges> InstallAsync(IPage page, long logSize, Func<LogRanges, IRoute, Task> handle)
    {
        var ranges = new LogRanges();
        page.Request += (_, request) => ranges.Count(request, +1);
        page.RequestFinished += (_, request) => ranges.Count(request, -1);
        page.RequestFailed += (_, request) => ranges.Count(request, -1);
        await page.RouteAsync(url => IsRange(url) && End(url) != logSize, route => handle(ranges, route));
        return ranges;
    }

    public void Release() => _release.TrySetResult();

    /// <summary>Waits until no range request has been in flight for <paramref name="quiet"/> (the view loads the blocks it shows, which can ask for more).</summary>
    public async Task WaitSettledAsync(TimeSpan quiet, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        var idle = Stopwatch.StartNew();
        while (idle.Elapsed < quiet)
        {
            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"log range requests still in flight after {timeout.TotalSeconds} s");
            }

            await Task.Delay(50);
            if (Volatile.Read(ref _inFlight) != 0)
            {
                idle.Restart();
            }
        }
    }

    private async Task HoldAsync(IRoute route)
    {
        Interlocked.Increment(ref _held);
        await _release.Task;
        await route.ContinueAsync();
    }

    private Task FailOnceAsync(IRoute route)
    {
        bool first;
        lock (_failed)
        {
            first = _failed.Add(route.Request.Url);
        }

        return first ? route.AbortAsync() : route.ContinueAsync();
    }

    private void Count(IRequest request, int delta)
    {
        if (IsRange(request.Url))
        {
            Interlocked.Add(ref _inFlight, delta);
        }
    }

    private static bool IsRange(string url) => url.Contains("/log?start=", StringComparison.Ordinal);

    private static long End(string url)
    {
        var query = new Uri(url).Query.TrimStart('?').Split('&');
        var end = query.FirstOrDefault(p => p.StartsWith("end=", StringComparison.Ordinal));
        return end is null ? -1 : long.Parse(end[4..], CultureInfo.InvariantCulture);
    }
}
