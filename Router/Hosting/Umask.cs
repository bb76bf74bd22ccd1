using System.Runtime.InteropServices;

namespace ContainerCd.Router.Hosting;

/// <summary>The process's file creation mask: the router creates its socket and route files for its owner only, from the first instant.</summary>
internal static partial class Umask
{
    public static void OwnerOnly()
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            _ = SetMask(0b000_111_111);
        }
    }

    [LibraryImport("libc", EntryPoint = "umask")]
    private static partial uint SetMask(uint mask);
}
