using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace ContainerCd.Runtime.Tests.Notifications;

/// <summary>A request the <see cref="RecordingHttpServer"/> received.</summary>
internal sealed record ReceivedRequest(string Method, string Path, string? ContentType, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>An HTTP listener on 127.0.0.1 (a free port) that records each request and answers with the status and body set.</summary>
internal sealed class RecordingHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public RecordingHttpServer()
    {
        Port = SmtpSink.FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}";

    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    public int Status { get; set; } = 200;

    public string ResponseBody { get; set; } = "ok";

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers.AllKeys.OfType<string>().ToDictionary(k => k, k => context.Request.Headers[k] ?? string.Empty, StringComparer.OrdinalIgnoreCase);
            Requests.Enqueue(new ReceivedRequest(context.Request.HttpMethod, context.Request.Url!.PathAndQuery, context.Request.ContentType, headers, body));
            context.Response.StatusCode = Status;
            context.Response.AddHeader("X-Answer", "recorded");
            var bytes = Encoding.UTF8.GetBytes(ResponseBody);
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
