using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ContainerCd.Router.Tests.Support;

/// <summary>
/// A raw HTTP backend on loopback that answers <c>200 NAME</c> until <see cref="StallAsync"/>: then it stops
/// accepting and fills its accept queue (a backlog of 1) with connections of its own, so the kernel drops further
/// SYNs and a connect to it times out, as a forking server with a short backlog (busybox httpd) does under a burst.
/// </summary>
internal sealed class StallingBackend : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly byte[] _answer;
    private CancellationTokenSource _stop = new();
    private readonly List<Socket> _fillers = [];
    private int _served;

    public StallingBackend(string name)
    {
        _listener.Start(backlog: 1);
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _answer = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Length: {name.Length}\r\nConnection: close\r\n\r\n{name}");
        _ = AcceptAsync(_answer);
    }

    public Uri Address { get; }

    public int Served => Volatile.Read(ref _served);

    /// <summary>Stops accepting and fills the accept queue; returns once a connect attempt no longer completes.</summary>
    public async Task StallAsync()
    {
        // Cancelling runs the pending accept's cancellation at once: no filler below is accepted.
        await _stop.CancelAsync();
        for (var i = 0; i < 8; i++)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            _fillers.Add(socket);
            using var attempt = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
            try
            {
                await socket.ConnectAsync(IPAddress.Loopback, Address.Port, attempt.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        throw new InvalidOperationException("the accept queue did not fill up");
    }

    /// <summary>Accepts again: the accept queue's fillers go, so a connect attempt now completes and is served.</summary>
    public void Resume()
    {
        foreach (var socket in _fillers)
        {
            socket.Dispose();
        }

        _fillers.Clear();
        var stopped = _stop;
        _stop = new CancellationTokenSource();
        stopped.Dispose();
        _ = AcceptAsync(_answer);
    }

    private async Task AcceptAsync(byte[] answer)
    {
        var stop = _stop.Token;
        try
        {
            while (true)
            {
                using var client = await _listener.AcceptSocketAsync(stop);
                try
                {
                    await ServeAsync(client, answer, stop);
                }
                catch (SocketException)
                {
                    // A filler closed before it was accepted: nothing to answer.
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task ServeAsync(Socket client, byte[] answer, CancellationToken stop)
    {
        var buffer = new byte[4096];
        var read = 0;
        while (!Encoding.ASCII.GetString(buffer, 0, read).Contains("\r\n\r\n", StringComparison.Ordinal)
            && await client.ReceiveAsync(buffer.AsMemory(read), stop) is var n && n > 0)
        {
            read += n;
        }

        if (read == 0)
        {
            return;
        }

        await client.SendAsync(answer, stop);
        Interlocked.Increment(ref _served);
        client.Shutdown(SocketShutdown.Both);
    }

    public async ValueTask DisposeAsync()
    {
        // Cancelling runs the pending accept's cancellation at once: no filler below is accepted.
        await _stop.CancelAsync();
        foreach (var socket in _fillers)
        {
            socket.Dispose();
        }

        _listener.Stop();
        _listener.Dispose();
        _stop.Dispose();
    }
}
