using System.Net;
using System.Net.Sockets;

namespace ContainerCd.Testing.Nodes;

/// <summary>
/// A second, real Docker engine started by a test (see second-engine.sh): on 127.0.0.1 at a free port, with
/// <c>--tlsverify</c> and certificates the test made, roots and namespaces of its own under a folder in /tmp
/// with a unique name, so that it never disturbs the machine's engine or another test run. Disposing stops it
/// and removes everything it had (also after <see cref="KillAsync"/>).
/// </summary>
public sealed class SecondEngine : IAsyncDisposable
{
    private static readonly string Script = Path.Combine(AppContext.BaseDirectory, "second-engine.sh");
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

    /// <summary>The docker CLI's options to reach it as a remote client does: <c>-H tcp://127.0.0.1:PORT --tlsverify</c> and the client certificate.</summary>
    public IReadOnlyList<string> TlsCliOptions
    {
        get
        {
            var tls = Path.Combine(Root, "tls");
            return ["-H", Endpoint, "--tlsverify", "--tlscacert", Path.Combine(tls, "ca.pem"), "--tlscert", Path.Combine(tls, "cert.pem"), "--tlskey", Path.Combine(tls, "key.pem")];
        }
    }

    /// <summary>Its unix socket, for the test's own checks (no TLS there).</summary>
    public string Socket => "unix://" + SocketPath;

    /// <summary>Its unix socket's path: on the node's machine (which this machine is), as an engine's <c>socket:</c> names it.</summary>
    public string SocketPath => Path.Combine(_environment["E2_DIR"], "docker.sock");

    /// <summary>
    /// Whether this machine has a dockerd to start; always true in CI (CI=true, or CONTAINERCD_REQUIRE_DOCKER=1 as
    /// .ci/run sets), where the tests then fail rather than skip.
    /// </summary>
    public static bool Available =>
        CiEnvironment.RequiresDocker || (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append("/usr/sbin").Any(dir => File.Exists(Path.Combine(dir, "dockerd")));

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
        Expect(code, "engine2_kill", output);
    }

    /// <summary>Starts it again on the same roots and port after <see cref="KillAsync"/> (the machine came back; its containers' processes did not).</summary>
    public async Task RestartAsync()
    {
        var (code, output) = await RunAsync("engine2_restart", [], CancellationToken.None);
        Expect(code, "engine2_restart", output);
    }

    /// <summary>Runs the docker CLI against it (over its unix socket): what the engine itself says, not what ContainerCd thinks.</summary>
    public async Task<string> DockerAsync(string arguments)
    {
        var (code, output) = await ProcessRun.RunAsync("docker", $"-H {Socket} {arguments}", null, CancellationToken.None);
        Expect(code, $"docker {arguments}", output);
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

    private static void Expect(int code, string what, string output)
    {
        if (code != 0)
        {
            throw new InvalidOperationException($"{what} exited {code}: {output}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
