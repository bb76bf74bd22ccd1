using System.Diagnostics;
using System.Globalization;
using ContainerCd.Router.Client;

namespace ContainerCd.Router.Tests.Support;

/// <summary>The router processes of a test home: started by the client from the built containercd-server, found through /proc, killed at the end.</summary>
internal sealed class RouterProcesses : IDisposable
{
    private readonly TempHome _home = new();

    public string Home => _home.Path;

    public RouterPaths Paths => new(Home);

    public static RouterLauncher Launcher => RouterLauncher.NextTo(AppContext.BaseDirectory);

    public RouterClient Client() => RouterClient.ForHome(Home, Launcher);

    /// <summary>The pids of the processes running <c>router --home HOME</c> (from their command lines).</summary>
    public IReadOnlyList<int> Running()
    {
        var pids = new List<int>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(System.IO.Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var arguments = File.ReadAllText(System.IO.Path.Combine(folder, "cmdline")).Split('\0');
                if (arguments.Contains("router") && arguments.Contains(Paths.Home))
                {
                    pids.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }

        return pids;
    }

    public static void Kill(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
            process.WaitForExit(10_000);
        }
        catch (ArgumentException)
        {
        }
    }

    public void Dispose()
    {
        foreach (var pid in Running())
        {
            Kill(pid);
        }

        _home.Dispose();
    }
}
