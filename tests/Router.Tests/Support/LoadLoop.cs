using System.Collections.Concurrent;

namespace ContainerCd.Router.Tests.Support;

/// <summary>
/// A client loop at a fixed rate (200 requests/s: one request started every 5 ms, each on its own, so a slow answer
/// does not slow the loop) until stopped or <c>limit</c> requests; bounded in count and time.
/// </summary>
internal sealed class LoadLoop : IDisposable
{
    private readonly ConcurrentBag<Answer> _answers = [];
    private readonly CancellationTokenSource _stop = new();
    private int _started;

    public sealed record Answer(int Sequence, int Status, string Body, string? Error);

    public int Started => Volatile.Read(ref _started);

    public IReadOnlyList<Answer> Answers => [.. _answers.OrderBy(a => a.Sequence)];

    public IReadOnlyList<Answer> Failed => [.. Answers.Where(a => a.Error is not null || a.Status != 200)];

    public Task RunAsync(HttpClient client, string path = "/", int perSecond = 200, int limit = 20_000) => Task.Run(async () =>
    {
        // A few requests one after the other first (the client's code and connection warm), so the loop does not
        // start with a burst of the requests that queued meanwhile.
        for (var i = 0; i < 3; i++)
        {
            await SendAsync(client, path, Interlocked.Increment(ref _started));
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / perSecond));
        var requests = new List<Task>();
        try
        {
            while (_started < limit && await timer.WaitForNextTickAsync(_stop.Token))
            {
                var sequence = Interlocked.Increment(ref _started);
                requests.Add(SendAsync(client, path, sequence));
            }
        }
        catch (OperationCanceledException)
        {
        }

        await Task.WhenAll(requests);
    });

    /// <summary>A closed loop: each request once the previous one has its answer, until stopped or <c>limit</c> requests.</summary>
    public Task RunOneByOneAsync(HttpClient client, string path = "/", int limit = 20_000) => Task.Run(async () =>
    {
        while (_started < limit && !_stop.IsCancellationRequested)
        {
            await SendAsync(client, path, Interlocked.Increment(ref _started));
        }
    });

    public void Stop() => _stop.Cancel();

    public void Dispose() => _stop.Dispose();

    private async Task SendAsync(HttpClient client, string path, int sequence)
    {
        try
        {
            using var response = await client.GetAsync(path);
            _answers.Add(new Answer(sequence, (int)response.StatusCode, await response.Content.ReadAsStringAsync(), null));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            _answers.Add(new Answer(sequence, 0, "", e.Message));
        }
    }
}
