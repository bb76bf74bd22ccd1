using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using ContainerCd.Router.Control;
using ContainerCd.Runtime.Delivery.Routing;

namespace ContainerCd.Router.Client;

/// <summary>
/// <see cref="IRouterControl"/> through the router's control socket (<c>HOME/router/control.sock</c>). The first call
/// makes sure the home's router runs, starting it with <see cref="RouterLauncher"/> when nothing answers (under a
/// lock file, so two starters start one router), and checks that what answers is the router of this home: a socket
/// open to other users, or one where something else answers, is refused with the reason. A call that finds the
/// router gone (killed) starts it again and is made once more: every control call can be repeated safely.
/// Errors: <see cref="ArgumentException"/> for a table the router refuses, <see cref="InvalidOperationException"/> for
/// the rest (no such route, a port it cannot listen on, a router that cannot be started), always with the reason.
/// </summary>
public sealed class RouterClient : IRouterControl, IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly RouterPaths _paths;
    private readonly RouterLauncher _launcher;
    private readonly HttpClient _http;
    private readonly SemaphoreSlim _ensure = new(1, 1);
    private volatile bool _verified;

    private RouterClient(RouterPaths paths, RouterLauncher launcher)
    {
        _paths = paths;
        _launcher = launcher;
        _http = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(_paths.ControlSocket), cancellationToken).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        })
        {
            BaseAddress = new Uri("http://containercd-router/"),
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>The client of <paramref name="home"/>'s router, started with <paramref name="launcher"/> when none runs.</summary>
    public static RouterClient ForHome(string home, RouterLauncher launcher)
    {
        ArgumentNullException.ThrowIfNull(launcher);
        return new RouterClient(new RouterPaths(home), launcher);
    }

    /// <summary>Whether the home has routes stored (then <c>serve</c> makes sure its router runs).</summary>
    public static bool HasRoutes(string home) => RouteStore.HasRoutes(home);

    public async Task<RouteStatus> ApplyAsync(RouteTable table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        return await CallAsync<RouteStatus>(() => new HttpRequestMessage(HttpMethod.Put, "v1/routes") { Content = JsonContent.Create(table, options: RouteJson.Options) }, cancellationToken)
            .ConfigureAwait(false) ?? throw new InvalidOperationException("the router answered no route status");
    }

    public Task<RouteStatus?> GetAsync(int publicPort, CancellationToken cancellationToken) =>
        CallAsync<RouteStatus>(() => new HttpRequestMessage(HttpMethod.Get, $"v1/routes/{publicPort}"), cancellationToken, notFoundIsNull: true);

    public async Task<IReadOnlyList<RouteStatus>> ListAsync(CancellationToken cancellationToken) =>
        await CallAsync<List<RouteStatus>>(() => new HttpRequestMessage(HttpMethod.Get, "v1/routes"), cancellationToken).ConfigureAwait(false) ?? [];

    public async Task<bool> WaitHealthyAsync(int publicPort, string pool, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var answer = await CallAsync<WaitHealthyAnswer>(
            () => new HttpRequestMessage(HttpMethod.Post, $"v1/routes/{publicPort}/wait-healthy") { Content = JsonContent.Create(new WaitHealthyRequest(pool, timeout), options: RouteJson.Options) },
            cancellationToken).ConfigureAwait(false);
        return answer?.Healthy ?? false;
    }

    public Task RemoveAsync(int publicPort, CancellationToken cancellationToken) =>
        CallAsync<JsonElement>(() => new HttpRequestMessage(HttpMethod.Delete, $"v1/routes/{publicPort}"), cancellationToken);

    /// <summary>Makes sure the home's router runs and is the router of this home (starting it when nothing answers).</summary>
    public async Task EnsureRunningAsync(CancellationToken cancellationToken)
    {
        if (_verified)
        {
            return;
        }

        await _ensure.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_verified)
            {
                await StartIfNeededAsync(cancellationToken).ConfigureAwait(false);
                _verified = true;
            }
        }
        finally
        {
            _ensure.Release();
        }
    }

    /// <summary>Asks the router to stop (its routes stay stored for its next start); nothing when none runs.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (await IdentifyAsync(cancellationToken).ConfigureAwait(false))
        {
            using var response = await _http.PostAsync("v1/shutdown", null, cancellationToken).ConfigureAwait(false);
            _verified = false;
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _ensure.Dispose();
    }

    private async Task<T?> CallAsync<T>(Func<HttpRequestMessage> request, CancellationToken cancellationToken, bool notFoundIsNull = false)
    {
        await EnsureRunningAsync(cancellationToken).ConfigureAwait(false);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request(), cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ConnectionError)
        {
            // The router went away since it was checked (killed, stopped): start it again and ask once more.
            _verified = false;
            await EnsureRunningAsync(cancellationToken).ConfigureAwait(false);
            response = await _http.SendAsync(request(), cancellationToken).ConfigureAwait(false);
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return await response.Content.ReadFromJsonAsync<T>(RouteJson.Options, cancellationToken).ConfigureAwait(false);
            }

            if (notFoundIsNull && response.StatusCode == HttpStatusCode.NotFound)
            {
                return default;
            }

            var error = await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
            throw response.StatusCode == HttpStatusCode.BadRequest
                ? new ArgumentException("router: " + error)
                : new InvalidOperationException("router: " + error);
        }
    }

    private static async Task<string> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonSerializer.Deserialize<ControlError>(text, RouteJson.Options)?.Error ?? text;
        }
        catch (JsonException)
        {
            return $"{(int)response.StatusCode} {text}";
        }
    }

    private async Task StartIfNeededAsync(CancellationToken cancellationToken)
    {
        if (await IdentifyAsync(cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        _paths.CreateFolder();
        using var startLock = await TakeStartLockAsync(cancellationToken).ConfigureAwait(false);
        if (await IdentifyAsync(cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        _launcher.Start(_paths);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(StartTimeout);
        try
        {
            while (!await IdentifyAsync(deadline.Token).ConfigureAwait(false))
            {
                await Task.Delay(50, deadline.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException($"the router for {_paths.Home} did not answer on {_paths.ControlSocket} within {StartTimeout.TotalSeconds:0} s; its log ({_paths.Log}) ends:\n{LogTail()}");
        }
    }

    /// <summary>
    /// Whether the home's router answers on the socket: false when there is no socket or nothing listens (a dead
    /// router's); throws when the socket is open to other users or what answers is not this home's router.
    /// </summary>
    private async Task<bool> IdentifyAsync(CancellationToken cancellationToken)
    {
        var socket = _paths.ControlSocket;
        if (!File.Exists(socket))
        {
            return false;
        }

        const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(socket) & others) != 0)
        {
            throw new InvalidOperationException($"refusing the router control socket {socket}: it is open to other users (mode {Convert.ToString((int)File.GetUnixFileMode(socket), 8)}), which the router never makes; remove it if it is not in use");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        RouterIdentity? identity;
        try
        {
            using var response = await _http.GetAsync("v1/identity", timeout.Token).ConfigureAwait(false);
            identity = response.IsSuccessStatusCode ? await ReadIdentityAsync(response, timeout.Token).ConfigureAwait(false) : null;
        }
        catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ConnectionError)
        {
            return false;
        }
        catch (HttpRequestException e)
        {
            throw NotTheRouter(socket, e.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw NotTheRouter(socket, "it accepts connections but does not answer");
        }

        return identity switch
        {
            null or { Service: not RouterIdentity.ServiceName } => throw NotTheRouter(socket, "what answers there is not a ContainerCd router"),
            { Protocol: not RouterIdentity.CurrentProtocol } => throw NotTheRouter(socket, $"the router there speaks protocol {identity.Protocol}, this client {RouterIdentity.CurrentProtocol}: stop it (containercd router --home {_paths.Home} --stop) to let the current version start"),
            _ when !string.Equals(identity.Home, _paths.Home, StringComparison.Ordinal) => throw NotTheRouter(socket, $"it is the router of {identity.Home}"),
            _ => true,
        };
    }

    private static async Task<RouterIdentity?> ReadIdentityAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<RouterIdentity>(RouteJson.Options, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static InvalidOperationException NotTheRouter(string socket, string reason) =>
        new($"refusing the router control socket {socket}: {reason}");

    private async Task<FileStream> TakeStartLockAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(StartTimeout);
        while (true)
        {
            try
            {
                return new FileStream(_paths.StartLock, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                try
                {
                    await Task.Delay(50, deadline.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new InvalidOperationException($"another process has held {_paths.StartLock} for {StartTimeout.TotalSeconds:0} s while starting the router");
                }
            }
        }
    }

    private string LogTail()
    {
        try
        {
            return string.Join('\n', File.ReadLines(_paths.Log).TakeLast(10));
        }
        catch (IOException e)
        {
            return $"(cannot read it: {e.Message})";
        }
    }
}
