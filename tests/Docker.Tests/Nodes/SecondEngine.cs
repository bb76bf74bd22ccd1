using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ContainerCd.Docker.Tests.Nodes;

/// <summary>
/// A second, real Docker engine started by a test (see second-engine.sh): on 127.0.0.1 at a free port, with
/// <c>--tlsverify</c> and certificates the test made, roots and namespaces of its own under a folder in /tmp
/// with a unique name, so that it never disturbs the machine's engine or another test run. Disposing stops it
/// and removes everything it had (also after <see cref="KillAsync"/>).
/// </summary>
internal sealed class SecondEngine : IAsyncDisposable
{
    private static readonly string Script = Path.Combine(AppContext.BaseDirectory, "Nodes", "second-engine.sh");
    private readonly Dictionary<string, string> _environment;
    private int _stopped;

    private SecondEngine(string root, int port, TestCertificates certificates)
    {
        Root = root;
        Port = port;
        Certificates = certificates;
        var id = Path.GetFileName(root);
        _environment = new Dictionary<string, string>
        {
            ["E2_DIR"] = Path.Combine(root, "engine"),
            ["E2_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["E2_CGROUP"] = id,
            ["E2_TLS"] = Path.Combine(root, "tls"),
        };
    }

    public string Root { get; }

    public int Port { get; }

    public TestCertificates Certificates { get; }

    /// <summary>tcp://127.0.0.1:PORT (TLS).</summary>
    public string Endpoint => $"tcp://127.0.0.1:{Port}";

    /// <summary>Its unix socket, for the test's own checks (no TLS there).</summary>
    public string Socket => "unix://" + Path.Combine(_environment["E2_DIR"], "docker.sock");

    /// <summary>Whether this machine has a dockerd to start (CI must: there the tests fail rather than skip).</summary>
    public static bool Available =>
        DockerFixture.MustRun || (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append("/usr/sbin").Any(dir => File.Exists(Path.Combine(dir, "dockerd")));

    /// <summary>Starts one; each of <paramref name="hidden"/> (a folder on this machine) is an empty folder for it, as a remote host would not have it.</summary>
    public static async Task<SecondEngine> StartAsync(IEnumerable<string> hidden, CancellationToken cancellationToken)
    {
        var root = Path.Combine(Path.GetTempPath(), "ccd-node-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(root);
        var certificates = TestCertificates.Create();
        certificates.WriteTo(Path.Combine(root, "tls"));
        var engine = new SecondEngine(root, FreePort(), certificates);
        var (code, output) = await engine.RunAsync("engine2_start", hidden, cancellationToken);
        if (code != 0)
        {
            await engine.DisposeAsync();
            throw new InvalidOperationException($"The second engine did not start ({code}): {output}");
        }

        return engine;
    }

    /// <summary>kill -9 of its dockerd: the node is lost in the middle of whatever it runs.</summary>
    public async Task KillAsync()
    {
        var (code, output) = await RunAsync("engine2_kill", [], CancellationToken.None);
        Assert.True(code == 0, output);
    }

    /// <summary>Starts it again on the same roots and port after <see cref="KillAsync"/> (the machine came back; its containers' processes did not).</summary>
    public async Task RestartAsync()
    {
        var (code, output) = await RunAsync("engine2_restart", [], CancellationToken.None);
        Assert.True(code == 0, output);
    }

    /// <summary>Runs the docker CLI against it (over its unix socket): what the engine itself says, not what ContainerCd thinks.</summary>
    public async Task<string> DockerAsync(string arguments)
    {
        var (code, output) = await ProcessRun.RunAsync("docker", $"-H {Socket} {arguments}", null, CancellationToken.None);
        Assert.True(code == 0, $"docker {arguments}: {output}");
        return output;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        await RunAsync("engine2_stop", [], CancellationToken.None);
        Directory.Delete(Root, recursive: true);
    }

    private Task<(int Code, string Output)> RunAsync(string function, IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        ProcessRun.RunAsync("bash", ["-c", $"source \"$0\" && {function} \"$@\"", Script, .. arguments], _environment, cancellationToken);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>A process run to its end, with stdout and stderr together.</summary>
internal static class ProcessRun
{
    public static Task<(int Code, string Output)> RunAsync(string file, string arguments, IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken) =>
        RunAsync(file, arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries), environment, cancellationToken);

    public static async Task<(int Code, string Output)> RunAsync(string file, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, (await stdout) + (await stderr));
    }
}
