using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ContainerCd.Runtime.Delivery.Registry;

namespace ContainerCd.Docker.Tests;

/// <summary>
/// A real Docker registry (Debian's docker-registry, distribution 2.x) on 127.0.0.1 at a free port, with
/// basic authentication, started for one test and stopped after. The engine reaches it over plain HTTP
/// (127.0.0.0/8 is an insecure registry by default).
/// </summary>
internal sealed class LocalRegistry : IAsyncDisposable
{
    public const string Executable = RegistryServer.Executable;
    public const string User = "ciuser";
    public const string Password = "registry-test-password";

    // bcrypt of Password (the htpasswd format the registry reads).
    internal const string PasswordHash = "$2b$05$k0Lwobgz8bw3hkryKgIy5O9bJ1yINT6QlpK/NVjdh3OfVjvGiVsCe";

    private readonly string _directory;
    private readonly Process _process;

    private LocalRegistry(string directory, Process process, int port)
    {
        _directory = directory;
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string Host => $"127.0.0.1:{Port}";

    public static bool IsInstalled => RegistryServer.IsInstalled;

    /// <summary>Starts one; without <paramref name="authenticated"/> anyone may push, as a registry on loopback often runs.</summary>
    public static async Task<LocalRegistry> StartAsync(CancellationToken cancellationToken, bool authenticated = true)
    {
        var directory = Directory.CreateTempSubdirectory("containercd-registry-").FullName;
        var port = FreePort();
        await File.WriteAllTextAsync(Path.Combine(directory, "htpasswd"), $"{User}:{PasswordHash}\n", cancellationToken);
        await File.WriteAllTextAsync(
            Path.Combine(directory, "config.yml"),
            RegistryServer.ConfigFile($"127.0.0.1:{port}", Path.Combine(directory, "data"), authenticated ? Path.Combine(directory, "htpasswd") : null, "containercd-test"),
            cancellationToken);
        var process = Process.Start(new ProcessStartInfo(Executable, ["serve", Path.Combine(directory, "config.yml")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var registry = new LocalRegistry(directory, process, port);
        for (var attempt = 0; attempt < 100 && !process.HasExited; attempt++)
        {
            // Up when /v2/ answers as a registry (401 when it asks for credentials, 200 when open).
            if (await RegistryServer.AnswersAsync(registry.Host, cancellationToken))
            {
                return registry;
            }

            await Task.Delay(100, cancellationToken);
        }

        await registry.DisposeAsync();
        throw new InvalidOperationException($"{Executable} did not come up on 127.0.0.1:{port}");
    }

    /// <summary>The tags of a repository, read from the registry with the test user's credentials.</summary>
    public async Task<string> TagsAsync(string repository, CancellationToken cancellationToken)
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"http://{Host}/v2/{repository}/tags/list"));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{User}:{Password}")));
        using var response = await client.SendAsync(request, cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
