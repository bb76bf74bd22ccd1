using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ContainerCd.Runtime.Tests.Scm;

/// <summary>
/// The git smart HTTP protocol served on 127.0.0.1: each request runs <c>git http-backend</c> as CGI over the
/// repositories of a folder, behind HTTP basic authentication when a user and password are given.
/// </summary>
internal sealed class GitHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly string _root;
    private readonly string? _credentials;
    private readonly Task _serving;
    private int _requests;

    public GitHttpServer(string root, string? user = null, string? password = null)
    {
        _root = root;
        _credentials = user is null ? null : Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password));
        var port = FreePort();
        Prefix = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(Prefix);
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public string Prefix { get; }

    /// <summary>Requests answered so far (unauthorised ones included).</summary>
    public int Requests => _requests;

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        Interlocked.Increment(ref _requests);
        var request = context.Request;
        var response = context.Response;
        try
        {
            if (_credentials is not null && request.Headers["Authorization"] != "Basic " + _credentials)
            {
                response.StatusCode = 401;
                response.AddHeader("WWW-Authenticate", "Basic realm=\"git\"");
                response.Close();
                return;
            }

            var start = new ProcessStartInfo("git", "http-backend") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.Environment["GIT_PROJECT_ROOT"] = _root;
            start.Environment["GIT_HTTP_EXPORT_ALL"] = "1";
            start.Environment["PATH_INFO"] = Uri.UnescapeDataString(request.Url!.AbsolutePath);
            start.Environment["REQUEST_METHOD"] = request.HttpMethod;
            start.Environment["QUERY_STRING"] = request.Url.Query.TrimStart('?');
            start.Environment["CONTENT_TYPE"] = request.ContentType ?? string.Empty;
            start.Environment["REMOTE_ADDR"] = "127.0.0.1";
            start.Environment["REMOTE_USER"] = "test";
            start.Environment["GIT_PROTOCOL"] = request.Headers["Git-Protocol"] ?? string.Empty;
            start.Environment["HTTP_CONTENT_ENCODING"] = request.Headers["Content-Encoding"] ?? string.Empty;
            using var process = Process.Start(start)!;
            var errors = process.StandardError.ReadToEndAsync();
            var input = Task.Run(async () =>
            {
                await request.InputStream.CopyToAsync(process.StandardInput.BaseStream);
                process.StandardInput.Close();
            });
            using var output = new MemoryStream();
            await process.StandardOutput.BaseStream.CopyToAsync(output);
            await input;
            await process.WaitForExitAsync();
            await errors;
            Respond(response, output.ToArray());
        }
        catch (Exception e) when (e is IOException or HttpListenerException or InvalidOperationException)
        {
            response.Abort();
        }
    }

    /// <summary>Turns the CGI output (headers, a blank line, the body) into the HTTP response.</summary>
    private static void Respond(HttpListenerResponse response, byte[] cgi)
    {
        var end = IndexOf(cgi, "\r\n\r\n"u8, out var separator);
        var headers = Encoding.ASCII.GetString(cgi, 0, end).Split(separator == 4 ? "\r\n" : "\n");
        foreach (var header in headers.Where(h => h.Contains(':', StringComparison.Ordinal)))
        {
            var name = header[..header.IndexOf(':', StringComparison.Ordinal)].Trim();
            var value = header[(header.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
            if (name.Equals("Status", StringComparison.OrdinalIgnoreCase))
            {
                response.StatusCode = int.Parse(value.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                response.ContentType = value;
            }
            else
            {
                response.AddHeader(name, value);
            }
        }

        var body = cgi.AsSpan(Math.Min(cgi.Length, end + separator));
        response.ContentLength64 = body.Length;
        response.OutputStream.Write(body);
        response.Close();
    }

    private static int IndexOf(byte[] data, ReadOnlySpan<byte> crlf, out int separator)
    {
        var at = data.AsSpan().IndexOf(crlf);
        if (at >= 0)
        {
            separator = 4;
            return at;
        }

        separator = 2;
        var lf = data.AsSpan().IndexOf("\n\n"u8);
        return lf >= 0 ? lf : data.Length;
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
