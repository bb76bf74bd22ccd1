using ContainerCd.Router.Tests.Support;

namespace ContainerCd.Docker.Tests.Delivery;

/// <summary>
/// The client loop of the delivery tests on 127.0.0.1: 200 requests/s as a benchmark (<c>CONTAINERCD_BENCH=1</c>, on
/// a quiet machine, numbers in BENCHMARKS.md), 25 requests/s in the test suite, where the other test projects load
/// the two cores and busybox httpd (a fork per connection, a listen backlog of 9) stalls connections at 200
/// requests/s whatever is in front of it.
/// </summary>
internal static class DeliveryLoad
{
    public static int Rate => Environment.GetEnvironmentVariable("CONTAINERCD_BENCH") == "1" ? 200 : 25;

    public static HttpClient Client(int port) =>
        new(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Runs <paramref name="change"/> under <see cref="Rate"/> requests/s; the loop goes on for two more seconds' requests after it returns.</summary>
    public static async Task<LoadLoop> UnderLoadAsync(HttpClient client, Func<Task> change, CancellationToken cancellationToken)
    {
        var load = new LoadLoop();
        var loop = load.RunAsync(client, perSecond: Rate);
        await WaitUntilAsync(() => load.Started >= 2 * Rate, cancellationToken);
        try
        {
            await change();
        }
        finally
        {
            var after = load.Started;
            await WaitUntilAsync(() => load.Started >= after + (2 * Rate), cancellationToken);
            load.Stop();
            await loop;
        }

        return load;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        while (!condition())
        {
            await Task.Delay(20, cancellationToken);
        }
    }
}
