using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace ContainerCd.Server.Tests.Support;

/// <summary>
/// A SignalR client over a bare WebSocket (JSON protocol) that reads only when asked: a truly slow client,
/// whose unread messages back up into the socket and the server, unlike the .NET client, which queues them.
/// </summary>
internal sealed class RawHubClient : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private readonly ClientWebSocket _socket = new();
    private readonly StringBuilder _pending = new();
    private readonly Decoder _decoder = Encoding.UTF8.GetDecoder();

    public static async Task<RawHubClient> ConnectAsync(string baseUrl, CancellationToken cancellationToken)
    {
        var client = new RawHubClient();
        await client._socket.ConnectAsync(new Uri(baseUrl.Replace("http://", "ws://", StringComparison.Ordinal) + "/hubs/builds"), cancellationToken);
        await client.SendAsync("{\"protocol\":\"json\",\"version\":1}", cancellationToken);
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
        _socket.Abort();
        _socket.Dispose();
        await Task.CompletedTask;
    }

    private Task SendAsync(string json, CancellationToken cancellationToken) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(json + RecordSeparator), WebSocketMessageType.Text, true, cancellationToken);
}
