using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ContainerCd.Server.Tests.Support;

/// <summary>
/// A SignalR client over a bare WebSocket (JSON protocol) that reads only when asked: a truly slow client,
/// whose unread messages back up into the socket and the server, unlike the .NET client, which queues them. It pings
/// every 5 s as a live client does, so the server's 30 s client timeout never ends it however long a build runs.
/// </summary>
internal sealed class RawHubClient : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private WebSocket _socket = null!;
    private readonly StringBuilder _pending = new();
    private readonly Decoder _decoder = Encoding.UTF8.GetDecoder();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly CancellationTokenSource _closing = new();
    private Task _pinging = Task.CompletedTask;

    public static async Task<RawHubClient> ConnectAsync(string baseUrl, CancellationToken cancellationToken)
    {
        // A socket with a small fixed receive buffer (no kernel autotuning), so unread data backs up to the server.
        var uri = new Uri(baseUrl);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 16 * 1024 };
        await socket.ConnectAsync(uri.Host, uri.Port, cancellationToken);
        var stream = new NetworkStream(socket, ownsSocket: true);
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var request = $"GET /hubs/builds HTTP/1.1\r\nHost: {uri.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), cancellationToken);
        var header = new StringBuilder();
        var one = new byte[1];
        while (!header.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(one, cancellationToken) == 1)
        {
            header.Append((char)one[0]);
        }

        if (!header.ToString().StartsWith("HTTP/1.1 101", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("WebSocket upgrade refused: " + header);
        }

        var client = new RawHubClient
        {
            _socket = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = false, KeepAliveInterval = TimeSpan.Zero }),
        };
        await client.SendAsync("{\"protocol\":\"json\",\"version\":1}", cancellationToken);
        client._pinging = client.PingAsync(client._closing.Token);
        return client;
    }

    public Task InvokeAsync(string target, object[] arguments, CancellationToken cancellationToken) =>
        SendAsync(JsonSerializer.Serialize(new { type = 1, invocationId = Guid.NewGuid().ToString("N"), target, arguments }), cancellationToken);

    /// <summary>Reads messages until <paramref name="until"/> says stop; returns the invocations (target, first argument) read.</summary>
    public async Task<List<(string Target, JsonElement Argument)>> ReadUntilAsync(Func<string, JsonElement, bool> until, CancellationToken cancellationToken)
    {
        var messages = new List<(string, JsonElement)>();
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var text = _pending.ToString();
            int separator;
            while ((separator = text.IndexOf(RecordSeparator, StringComparison.Ordinal)) >= 0)
            {
                var json = text[..separator];
                text = text[(separator + 1)..];
                using var document = JsonDocument.Parse(json);
                var root = document.RootElement;
                if (root.TryGetProperty("type", out var type) && type.GetInt32() == 1)
                {
                    var target = root.GetProperty("target").GetString()!;
                    var argument = root.GetProperty("arguments")[0].Clone();
                    messages.Add((target, argument));
                    if (until(target, argument))
                    {
                        _pending.Clear().Append(text);
                        return messages;
                    }
                }
            }

            _pending.Clear().Append(text);
            var result = await _socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return messages;
            }

            var chars = new char[Encoding.UTF8.GetMaxCharCount(result.Count)];
            _pending.Append(chars, 0, _decoder.GetChars(buffer, 0, result.Count, chars, 0));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync();
#pragma warning disable VSTHRD003 // The pings are this object's own task, started when it connected.
        await _pinging;
#pragma warning restore VSTHRD003
        _socket.Abort();
        _socket.Dispose();
        _sending.Dispose();
        _closing.Dispose();
    }

    private async Task PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
                await SendAsync("{\"type\":6}", cancellationToken);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // Closing, or the server has ended the connection: the reader sees that.
        }
    }

    private async Task SendAsync(string json, CancellationToken cancellationToken)
    {
        await _sending.WaitAsync(cancellationToken);
        try
        {
            await _socket.SendAsync(Encoding.UTF8.GetBytes(json + RecordSeparator), WebSocketMessageType.Text, true, cancellationToken);
        }
        finally
        {
            _sending.Release();
        }
    }
}
