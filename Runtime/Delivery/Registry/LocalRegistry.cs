using System.Diagnostics;
using System.Globalization;
using ContainerCd.Runtime.Agents.Host;
using ContainerCd.Runtime.Pipeline.Configuration;

namespace ContainerCd.Runtime.Delivery.Registry;

/// <summary>
/// The config's registry for one home. The local one is Debian's docker-registry on the configured loopback address
/// with its data, config, log and process id under <c>HOME/registry</c>, started on demand as a process of its own
/// session, so it outlives the build or server that started it. An exclusive lock on <c>HOME/registry/registry.lock</c>
/// (flock, released however its holder ends) makes concurrent builds, in this process or others, start one.
/// </summary>
public sealed class LocalRegistry : ILocalRegistry
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(60);
    private readonly RegistrySettings _settings;

    public LocalRegistry(string home, RegistrySettings settings)
    {
        ArgumentNullException.ThrowIfNull(home);
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        Directory = Path.Combine(Path.GetFullPath(home), "registry");
    }

    public string Address => _settings.Address;

    /// <summary><c>HOME/registry</c>: <c>config.yml</c>, <c>data/</c>, <c>registry.log</c>, <c>registry.pid</c>.</summary>
    public string Directory { get; }

    public string DataDirectory => Path.Combine(Directory, "data");

    public string PidFile => Path.Combine(Directory, "registry.pid");

    public string LogFile => Path.Combine(Directory, "registry.log");

    /// <summary>Where the local registry listens: its address, with <c>localhost</c> as 127.0.0.1.</summary>
    private string ListenAddress => _settings.Host == "localhost" ? "127.0.0.1:" + _settings.Port.ToString(CultureInfo.InvariantCulture) : _settings.Address;

    public async Task<RegistryStart> EnsureRunningAsync(CancellationToken cancellationToken)
    {
        if (!_settings.IsLocal)
        {
            return RegistryStart.NotManaged;
        }

        if (await RegistryServer.AnswersAsync(ListenAddress, cancellationToken).ConfigureAwait(false))
        {
            return RegistryStart.AlreadyRunning;
        }

        System.IO.Directory.CreateDirectory(Directory);
        using var held = await LockAsync(cancellationToken).ConfigureAwait(false);
        // Whoever held the lock before may have started it.
        if (await RegistryServer.AnswersAsync(ListenAddress, cancellationToken).ConfigureAwait(false))
        {
            return RegistryStart.AlreadyRunning;
        }

        await StartAsync(cancellationToken).ConfigureAwait(false);
        return RegistryStart.Started;
    }

    public async Task<RegistryStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        if (!_settings.IsLocal)
        {
            return new RegistryStatus(Address, Managed: false, Running: await RegistryServer.AnswersAsync(Address, cancellationToken).ConfigureAwait(false), null, null, _settings.CredentialsId);
        }

        var running = await RegistryServer.AnswersAsync(ListenAddress, cancellationToken).ConfigureAwait(false);
        return new RegistryStatus(Address, Managed: true, running, DataDirectory, running ? ReadPid() : null, null);
    }

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!RegistryServer.IsInstalled)
        {
            throw new LocalRegistryException(
                $"The local registry {Address} is not running and cannot be started: {RegistryServer.Executable} is not installed (apt-get install docker-registry)");
        }

        var configFile = Path.Combine(Directory, "config.yml");
        System.IO.Directory.CreateDirectory(DataDirectory);
        await File.WriteAllTextAsync(configFile, RegistryServer.ConfigFile(ListenAddress, DataDirectory), cancellationToken).ConfigureAwait(false);
        var logStart = File.Exists(LogFile) ? new FileInfo(LogFile).Length : 0;
        // Its own session (setsid), stdin closed and output to its log: a Ctrl-C of the build or the server's end leave it serving.
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        foreach (var argument in (string[])["-c", "exec \"$@\" serve \"$CONFIG\" >>\"$LOG\" 2>&1 </dev/null", "sh"])
        {
            start.ArgumentList.Add(argument);
        }

        if (HostAgent.SetSid is { } setsid)
        {
            start.ArgumentList.Add(setsid);
        }

        start.ArgumentList.Add(RegistryServer.Executable);
        start.Environment["CONFIG"] = configFile;
        start.Environment["LOG"] = LogFile;
        using var process = Process.Start(start) ?? throw new LocalRegistryException($"The local registry {Address} could not be started: {RegistryServer.Executable} did not start");
        await File.WriteAllTextAsync(PidFile, process.Id.ToString(CultureInfo.InvariantCulture) + "\n", cancellationToken).ConfigureAwait(false);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (await RegistryServer.AnswersAsync(ListenAddress, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            if (process.HasExited)
            {
                throw new LocalRegistryException(
                    $"The local registry {Address} could not be started: {RegistryServer.Executable} exited with code {process.ExitCode}{LogTail(logStart)}");
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        process.Kill();
        throw new LocalRegistryException($"The local registry {Address} did not answer within {StartTimeout.TotalSeconds:0} seconds of its start{LogTail(logStart)}");
    }

    private async Task<FileStream> LockAsync(CancellationToken cancellationToken)
    {
        var file = Path.Combine(Directory, "registry.lock");
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive advisory lock (flock) on Unix: released when the process ends, however it ends.
                return new FileStream(file, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited.Elapsed < LockTimeout)
            {
                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private int? ReadPid() =>
        File.Exists(PidFile) && int.TryParse(File.ReadAllText(PidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;

    /// <summary>What the registry wrote to its log since <paramref name="from"/>, as the end of an error message.</summary>
    private string LogTail(long from)
    {
        try
        {
            using var log = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            log.Position = Math.Min(from, log.Length);
            using var reader = new StreamReader(log);
            var text = reader.ReadToEnd().Trim();
            return text.Length == 0 ? string.Empty : $" ({LogFile}: {(text.Length > 2000 ? text[^2000..] : text)})";
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }
}
