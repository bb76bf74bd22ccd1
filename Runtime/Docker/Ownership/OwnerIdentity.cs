using System.Globalization;

namespace ContainerCd.Runtime.Docker.Ownership;

/// <summary>
/// Identifies a live containercd process on this machine, so a start-up sweep can tell the resources of a
/// killed process from those of a build still running: the boot id, the PID namespace, the PID and the
/// process start time (clock ticks since boot, from <c>/proc/PID/stat</c>), which together cannot be
/// reused by another process. Written as <c>boot/pidns/pid/start</c> in a label.
/// </summary>
internal sealed record OwnerIdentity(string BootId, string PidNamespace, int Pid, long StartTicks)
{
    private static readonly Lazy<OwnerIdentity> CurrentProcess = new(() => ForProcess(System.Environment.ProcessId)
        ?? new OwnerIdentity(ReadBootId(), ReadPidNamespace(), System.Environment.ProcessId, 0));

    public static OwnerIdentity Current => CurrentProcess.Value;

    public override string ToString() => $"{BootId}/{PidNamespace}/{Pid.ToString(CultureInfo.InvariantCulture)}/{StartTicks.ToString(CultureInfo.InvariantCulture)}";

    public static OwnerIdentity? Parse(string? text)
    {
        var parts = text?.Split('/');
        return parts is { Length: 4 }
            && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            && long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
                ? new OwnerIdentity(parts[0], parts[1], pid, start)
                : null;
    }

    /// <summary>The identity of a running process, or null when it does not exist.</summary>
    public static OwnerIdentity? ForProcess(int pid)
    {
        var start = ReadStartTicks(pid);
        return start is null ? null : new OwnerIdentity(ReadBootId(), ReadPidNamespace(), pid, start.Value);
    }

    /// <summary>
    /// Whether the owner is certainly gone: another boot, or the same PID namespace with no process of
    /// that PID and start time. An owner in another PID namespace cannot be checked and counts as alive.
    /// </summary>
    public bool IsCertainlyDead(OwnerIdentity observer)
    {
        if (BootId != observer.BootId)
        {
            return true;
        }

        if (PidNamespace != observer.PidNamespace)
        {
            return false;
        }

        return ReadStartTicks(Pid) != StartTicks;
    }

    private static long? ReadStartTicks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");

            // The command name (field 2) may hold spaces and parentheses: fields after the last ')' are safe.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');

            // Field 22 (starttime) is the 20th after the command name.
            return long.Parse(fields[19], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static string ReadBootId()
    {
        try
        {
            return File.ReadAllText("/proc/sys/kernel/random/boot_id").Trim().Replace("-", "", StringComparison.Ordinal)[..12];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentOutOfRangeException)
        {
            return "noboot";
        }
    }

    private static string ReadPidNamespace()
    {
        try
        {
            // A symlink such as "pid:[4026531836]".
            var target = new FileInfo("/proc/self/ns/pid").LinkTarget ?? "";
            var digits = new string(target.Where(char.IsAsciiDigit).ToArray());
            return digits.Length > 0 ? digits : "nopidns";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "nopidns";
        }
    }
}
