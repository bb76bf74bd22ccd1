namespace ContainerCd.Router;

/// <summary>
/// Where a home's router keeps its files, all under <c>HOME/router</c> (mode 0700): the control socket (0600), the
/// log, the lock the running router holds, the lock starters take, its pid and the routes it serves.
/// </summary>
public sealed class RouterPaths(string home)
{
    public string Home { get; } = Path.GetFullPath(home);

    public string Folder => Path.Combine(Home, "router");

    public string ControlSocket => Path.Combine(Folder, "control.sock");

    public string Log => Path.Combine(Folder, "router.log");

    /// <summary>Held (exclusively) by the running router for its whole life: a second router on the home cannot take it.</summary>
    public string RunLock => Path.Combine(Folder, "router.lock");

    /// <summary>Held by a client while it starts the router, so two starters never start two.</summary>
    public string StartLock => Path.Combine(Folder, "start.lock");

    public string PidFile => Path.Combine(Folder, "router.pid");

    public string RoutesFolder => Path.Combine(Folder, "routes");

    /// <summary>Creates the folder, readable by its owner only.</summary>
    public void CreateFolder()
    {
        Directory.CreateDirectory(Folder);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
