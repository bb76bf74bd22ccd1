using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ContainerCd.Runtime.Tests.Notifications;

/// <summary>
/// A real SMTP server on loopback: Debian's aiosmtpd (python3-aiosmtpd, installed by .ci/setup.sh) on a free port,
/// storing each mail it receives in a maildir with the envelope's sender and recipients (X-MailFrom, X-RcptTo).
/// </summary>
internal sealed class SmtpSink : IAsyncDisposable
{
    private readonly Process _process;

    private SmtpSink(Process process, int port, string maildir)
    {
        _process = process;
        Port = port;
        Maildir = maildir;
    }

    public int Port { get; }

    public string Maildir { get; }

    public static async Task<SmtpSink> StartAsync()
    {
        var port = FreePort();
        var maildir = Path.Combine(Path.GetTempPath(), "ccd-smtp-" + Guid.NewGuid().ToString("N")[..12]);
        var start = new ProcessStartInfo("/usr/bin/python3", ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", maildir])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("python3 -m aiosmtpd did not start");
        var sink = new SmtpSink(process, port, maildir);
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(20);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"aiosmtpd exited ({process.ExitCode}): {await process.StandardError.ReadToEndAsync()} (is python3-aiosmtpd installed? .ci/setup.sh installs it)");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return sink;
            }
            catch (SocketException) when (TimeProvider.System.GetUtcNow() < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>A loopback port nothing listens on (for a server that is down).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The mails received so far, as their raw text (headers, then body).</summary>
    public IReadOnlyList<string> Received()
    {
        var folder = Path.Combine(Maildir, "new");
        return Directory.Exists(folder) ? [.. Directory.GetFiles(folder).Select(File.ReadAllText)] : [];
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        if (Directory.Exists(Maildir))
        {
            Directory.Delete(Maildir, recursive: true);
        }
    }
}
