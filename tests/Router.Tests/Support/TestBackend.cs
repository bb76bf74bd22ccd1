using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ContainerCd.Router.Tests.Support;

/// <summary>
/// A real HTTP backend on loopback (Kestrel on a free port): <c>/</c> answers its name, <c>/health</c> answers 200
/// while <see cref="Healthy"/>, else 500, <c>/headers</c> echoes the X-Forwarded-* headers, <c>/slow</c> waits until
/// <see cref="ReleaseSlow"/>; with <see cref="DropRequests"/> the others lose their connection. It counts the requests it served (health checks apart).
/// </summary>
internal sealed class TestBackend : IAsyncDisposable
{
    private readonly WebApplication _app;
    private TaskCompletionSource _slowGate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _served;
    private int _slowInFlight;

    private TestBackend(string name, WebApplication app, Uri address)
    {
        Name = name;
        _app = app;
        Address = address;
    }

    public string Name { get; }

    public Uri Address { get; }

    public volatile bool Healthy = true;

    /// <summary>While set, requests other than health checks lose their connection before any answer (a backend killed mid-request).</summary>
    public volatile bool DropRequests;

    public int Served => Volatile.Read(ref _served);

    public int SlowInFlight => Volatile.Read(ref _slowInFlight);

    public static async Task<TestBackend> StartAsync(string name, int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        TestBackend? backend = null;
        app.Run(async context =>
        {
            switch (context.Request.Path.Value)
            {
                case "/health":
                    context.Response.StatusCode = backend!.Healthy ? 200 : 500;
                    return;
                case "/headers":
                    Interlocked.Increment(ref backend!._served);
                    await context.Response.WriteAsync(string.Join('\n',
                        $"for={context.Request.Headers["X-Forwarded-For"]}",
                        $"proto={context.Request.Headers["X-Forwarded-Proto"]}",
                        $"host={context.Request.Headers["X-Forwarded-Host"]}"));
                    return;
                case "/slow":
                    Interlocked.Increment(ref backend!._slowInFlight);
                    await backend._slowGate.Task;
                    Interlocked.Decrement(ref backend._slowInFlight);
                    Interlocked.Increment(ref backend._served);
                    await context.Response.WriteAsync(backend.Name + " slow");
                    return;
                case var _ when backend!.DropRequests:
                    context.Abort();
                    return;
                default:
                    Interlocked.Increment(ref backend!._served);
                    await context.Response.WriteAsync(backend.Name);
                    return;
            }
        });
        await app.StartAsync();
        var address = new Uri(app.Urls.First());
        backend = new TestBackend(name, app, address);
        return backend;
    }

    public void ReleaseSlow() => _slowGate.TrySetResult();

    public async Task StopAsync()
    {
        ReleaseSlow();
        await _app.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        ReleaseSlow();
        await _app.DisposeAsync();
    }
}
