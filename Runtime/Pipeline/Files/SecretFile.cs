using System.Text;

namespace ContainerCd.Runtime.Pipeline.Files;

/// <summary>
/// A file holding a secret (a credential's file, a private key): created readable and writable by its owner only, so
/// it is never readable by others, not even between its creation and a later chmod.
/// </summary>
internal static class SecretFile
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Writes <paramref name="content"/> as UTF-8 without a byte order mark into a new or replaced file at <paramref name="path"/>.</summary>
    public static async Task WriteAsync(string path, string content, CancellationToken cancellationToken = default)
    {
        var stream = new FileStream(path, Options());
        await using (stream.ConfigureAwait(false))
        {
            await stream.WriteAsync(new UTF8Encoding(false).GetBytes(content), cancellationToken).ConfigureAwait(false);
        }

        OwnerOnlyAfterReplace(path);
    }

    /// <inheritdoc cref="WriteAsync"/>
    public static void Write(string path, string content)
    {
        using (var stream = new FileStream(path, Options()))
        {
            stream.Write(new UTF8Encoding(false).GetBytes(content));
        }

        OwnerOnlyAfterReplace(path);
    }

    private static FileStreamOptions Options()
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        return options;
    }

    /// <summary>The create mode applies to a new file only: one that existed keeps its mode unless set here.</summary>
    private static void OwnerOnlyAfterReplace(string path)
    {
        if (!OperatingSystem.IsWindows() && File.GetUnixFileMode(path) != OwnerOnly)
        {
            File.SetUnixFileMode(path, OwnerOnly);
        }
    }
}
