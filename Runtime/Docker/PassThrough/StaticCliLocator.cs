using System.Buffers.Binary;

namespace ContainerCd.Runtime.Docker.PassThrough;

/// <summary>
/// Finds a statically linked docker CLI on the host: only such a binary runs inside any image (busybox,
/// alpine, distroless-with-sh). A dynamically linked one (Debian's /usr/bin/docker) is skipped.
/// </summary>
internal static class StaticCliLocator
{
    public static string? Find(string? configured)
    {
        var candidates = new List<string>();
        if (!string.IsNullOrEmpty(configured))
        {
            candidates.Add(configured);
        }

        if (System.Environment.GetEnvironmentVariable("CONTAINERCD_DOCKER_CLI") is { Length: > 0 } fromEnvironment)
        {
            candidates.Add(fromEnvironment);
        }

        candidates.Add("/usr/local/bin/docker");
        foreach (var directory in (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            candidates.Add(Path.Combine(directory, "docker"));
        }

        return candidates.Distinct(StringComparer.Ordinal).FirstOrDefault(IsStaticElf);
    }

    /// <summary>An ELF executable with no PT_INTERP program header (no dynamic loader needed).</summary>
    internal static bool IsStaticElf(string path)
    {
        try
        {
            using var file = File.OpenRead(path);
            Span<byte> header = stackalloc byte[64];
            if (file.Read(header) < 64 || header[0] != 0x7F || header[1] != (byte)'E' || header[2] != (byte)'L' || header[3] != (byte)'F' || header[4] != 2)
            {
                return false;
            }

            var phoff = (long)BinaryPrimitives.ReadUInt64LittleEndian(header[32..]);
            var phentsize = BinaryPrimitives.ReadUInt16LittleEndian(header[54..]);
            var phnum = BinaryPrimitives.ReadUInt16LittleEndian(header[56..]);
            Span<byte> entry = stackalloc byte[4];
            for (var i = 0; i < phnum; i++)
            {
                file.Position = phoff + (i * phentsize);
                if (file.Read(entry) < 4)
                {
                    return false;
                }

                if (BinaryPrimitives.ReadUInt32LittleEndian(entry) == 3)
                {
                    return false;
                }
            }

            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
