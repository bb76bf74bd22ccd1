using System.Runtime.InteropServices;
using System.Text;

namespace ContainerCd.Runtime.Agents.Host;

/// <summary>
/// Kills what a step started on this host: its process group (each step runs in its own session) and
/// every process that still carries the step's cookie in its environment, so daemonised children
/// (<c>nohup x &amp;</c>, <c>setsid</c>) go too, as Jenkins' ProcessTreeKiller does with BUILD_ID.
/// </summary>
public static class ProcessTree
{
    public const string CookieVariable = "CONTAINERCD_COOKIE";
    private const int SigKill = 9;

    public static void KillGroup(int processGroup)
    {
        if (processGroup > 1)
        {
            _ = Kill(-processGroup, SigKill);
        }
    }

    /// <summary>Kills every process whose environment has <c>CONTAINERCD_COOKIE</c> starting with <paramref name="cookiePrefix"/>; returns how many.</summary>
    public static int KillByCookie(string cookiePrefix)
    {
        if (!Directory.Exists("/proc"))
        {
            return 0;
        }

        var needle = Encoding.ASCII.GetBytes(CookieVariable + "=" + cookiePrefix);
        var self = Environment.ProcessId;
        var killed = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || pid == self)
            {
                continue;
            }

            try
            {
                var environ = File.ReadAllBytes(Path.Combine(directory, "environ"));
                if (environ.AsSpan().IndexOf(needle) >= 0)
                {
                    _ = Kill(pid, SigKill);
                    killed++;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended meanwhile, or is not ours to read.
            }
        }

        return killed;
    }

#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code in this project; kill(2) takes two ints.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
#pragma warning restore SYSLIB1054
}
