using System.Runtime.InteropServices;

namespace ContainerCd.Entry.Posix;

/// <summary>execv(3): this process becomes another program, keeping its pid, open descriptors and environment.</summary>
internal static partial class Exec
{
    /// <summary>Replaces this process with <paramref name="path"/> run with <paramref name="argv"/>; returns only on failure, with the system's reason.</summary>
    public static string Replace(string path, IReadOnlyList<string> argv)
    {
        var pointers = new nint[argv.Count + 1];
        try
        {
            for (var i = 0; i < argv.Count; i++)
            {
                pointers[i] = Marshal.StringToCoTaskMemUTF8(argv[i]);
            }

            _ = ExecV(path, pointers);
            return Marshal.GetLastPInvokeErrorMessage();
        }
        finally
        {
            foreach (var pointer in pointers)
            {
                Marshal.FreeCoTaskMem(pointer);
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "execv", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int ExecV(string path, [In] nint[] argv);
}
