using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ContainerCd.Router.Client;
using ContainerCd.Router.Tests.Support;
using ContainerCd.Runtime.Delivery.Routing;

// Router benchmarks, against real busybox httpd containers at their bridge IPs, through the real router process:
//  1. added latency: GET / through the router and directly on the container, interleaved, p50/p99;
//  2. failed requests of a 200 requests/s client during a blue-green switch;
//  3. failed requests of a 200 requests/s client while a pool of 3 backends is replaced one by one.
// Usage: Router.Bench SERVER_FOLDER [REQUESTS]
var serverFolder = args[0];
var requests = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
var home = Directory.CreateTempSubdirectory("ccrb").FullName;
using var router = RouterClient.ForHome(home, RouterLauncher.NextTo(serverFolder));
var check = new RouteHealthCheck("/", TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(5));
var containers = new List<HttpdContainer>();
try
{
    // 1. Latency
    var blue = await Start("blue");
    var port = FreePort();
    var table = new RouteTable("bench", "web", "127.0.0.1", port, [new BackendPool("blue", 100, [blue.Address])], check, TimeSpan.FromSeconds(30));
    await router.ApplyAsync(table, default);
    await router.WaitHealthyAsync(port, "blue", TimeSpan.FromSeconds(60), default);
    using var viaRouter = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
    using var direct = new HttpClient { BaseAddress = blue.Address };
    var routed = new List<double>();
    var straight = new List<double>();
    for (var i = 0; i < 20; i++)
    {
        await viaRouter.GetStringAsync("/");
        await direct.GetStringAsync("/");
    }

    for (var i = 0; i < requests; i++)
    {
        straight.Add(await TimeAsync(direct));
        routed.Add(await TimeAsync(viaRouter));
    }

    Console.WriteLine($"| direct to the container | {P(straight, 50):0.00} | {P(straight, 99):0.00} |");
    Console.WriteLine($"| through the router | {P(routed, 50):0.00} | {P(routed, 99):0.00} |");
    Console.WriteLine($"| added by the router | {P(routed, 50) - P(straight, 50):0.00} | {P(routed, 99) - P(straight, 99):0.00} |");

    // 2. Blue-green switch under 200 requests/s
    var green = await Start("green");
    using (var load = new LoadLoop())
    {
        var loop = load.RunAsync(viaRouter);
        await Task.Delay(2000);
        await router.ApplyAsync(table with { Pools = [.. table.Pools, new BackendPool("green", 0, [green.Address])] }, default);
        await router.WaitHealthyAsync(port, "green", TimeSpan.FromSeconds(60), default);
        await router.ApplyAsync(table with { Pools = [new BackendPool("green", 100, [green.Address])] }, default);
        await blue.StopAsync();
        await Task.Delay(2000);
        load.Stop();
        await loop;
        Console.WriteLine($"blue-green switch: {load.Failed.Count} failed of {load.Answers.Count} ({Describe(load)})");
    }

    // 3. A pool of 3 replaced one backend at a time under 200 requests/s
    var old = new List<HttpdContainer> { await Start("v1"), await Start("v1"), await Start("v1") };
    var pool = old.Select(c => c.Address).ToList();
    var rolling = table with { Pools = [new BackendPool("web", 100, [.. pool])] };
    await router.ApplyAsync(rolling, default);
    await router.WaitHealthyAsync(port, "web", TimeSpan.FromSeconds(60), default);
    using (var load = new LoadLoop())
    {
        var loop = load.RunAsync(viaRouter);
        await Task.Delay(2000);
        foreach (var replaced in old)
        {
            var next = await Start("v2");
            pool.Add(next.Address);
            await router.ApplyAsync(rolling with { Pools = [new BackendPool("web", 100, [.. pool])] }, default);
            await router.WaitHealthyAsync(port, "web", TimeSpan.FromSeconds(60), default);
            pool.Remove(replaced.Address);
            await router.ApplyAsync(rolling with { Pools = [new BackendPool("web", 100, [.. pool])] }, default);
            await replaced.StopAsync();
        }

        await Task.Delay(2000);
        load.Stop();
        await loop;
        Console.WriteLine($"3-backend replacement: {load.Failed.Count} failed of {load.Answers.Count} ({Describe(load)}); last answer {load.Answers[^1].Body}");
    }
}
finally
{
    foreach (var container in containers)
    {
        await container.DisposeAsync();
    }

    await router.StopAsync(default);
    Directory.Delete(home, recursive: true);
}

async Task<HttpdContainer> Start(string version)
{
    var container = await HttpdContainer.StartAsync(version);
    containers.Add(container);
    return container;
}

static async Task<double> TimeAsync(HttpClient client)
{
    var started = Stopwatch.GetTimestamp();
    await client.GetStringAsync("/");
    return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}

static double P(List<double> values, int percentile)
{
    var sorted = values.Order().ToArray();
    return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1)];
}

static string Describe(LoadLoop load) =>
    string.Join(", ", load.Failed.GroupBy(a => a.Error ?? a.Status.ToString(CultureInfo.InvariantCulture)).Select(g => $"{g.Count()}x {g.Key}"));

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}
