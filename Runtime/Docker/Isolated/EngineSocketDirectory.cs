using ContainerCd.Runtime.Docker.Ownership;

namespace ContainerCd.Runtime.Docker.Isolated;

/// <summary>
/// The private folder on this machine (mode 0700, this process's user) where an isolated engine's dockerd puts a
/// second socket, so that containercd itself can reach the engine (the containers of <c>docker.image().inside</c>,
/// <c>withDockerContainer</c> and <c>reuseNode</c> agents start there): bound into the engine's container at the same
/// path, the socket made 0666 there (the folder keeps other users out), and reached even when containercd is not root
/// (the socket volume's folder on the host is root's). A short path in the temporary folder: a unix socket's path
/// has at most 107 bytes. Removed with the engine; one whose owner was killed (its <see cref="OwnerFile"/> names a
/// process that is gone) is removed by the next <see cref="SweepDeadOwners"/>: dockerd removes its socket when the
/// engine's watchdog stops it, the folder stays until then.
/// </summary>
internal sealed class EngineSocketDirectory
{
    private const string Prefix = "containercd-engine-";
    private const string OwnerFile = "owner";

    private EngineSocketDirectory(string path) => Path = path;

    /// <summary>The folder, on this machine and in the engine's container.</summary>
    public string Path { get; }

    /// <summary>The engine's socket in it, once dockerd listens.</summary>
    public string Socket => System.IO.Path.Combine(Path, "docker.sock");

    /// <summary>Makes the folder of the engine <paramref name="scopeId"/>, owner-only, with this process as its owner.</summary>
    public static EngineSocketDirectory Create(string scopeId)
    {
        var parent = System.IO.Path.GetTempPath();
        if (parent.Length + Prefix.Length + scopeId.Length + "/docker.sock".Length > 100)
        {
            parent = "/tmp";
        }

        var path = System.IO.Path.Combine(parent, Prefix + scopeId);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        File.WriteAllText(System.IO.Path.Combine(path, OwnerFile), OwnerIdentity.Current.ToString());
        return new EngineSocketDirectory(path);
    }

    /// <summary>Removes the folder (the socket in it is gone with dockerd, or goes now: the folder is ours).</summary>
    public void Delete() => DeleteQuietly(Path);

    /// <summary>Removes the folders of engines whose containercd is certainly gone; those of live processes stay.</summary>
    public static int SweepDeadOwners()
    {
        var removed = 0;
        foreach (var parent in new[] { System.IO.Path.GetTempPath(), "/tmp" }.Distinct(StringComparer.Ordinal))
        {
            string[] folders;
            try
            {
                folders = Directory.GetDirectories(parent, Prefix + "*");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var folder in folders)
            {
                string? owner;
                try
                {
                    owner = File.ReadAllText(System.IO.Path.Combine(folder, OwnerFile));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Another user's, or being made right now (its owner file comes next): not ours to judge.
                    continue;
                }

                if (OwnerIdentity.Parse(owner.Trim()) is { } identity && identity != OwnerIdentity.Current && identity.IsCertainlyDead(OwnerIdentity.Current)
                    && DeleteQuietly(folder))
                {
                    removed++;
                }
            }
        }

        return removed;
    }

    private static bool DeleteQuietly(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
            return true;
        }
        catch (DirectoryNotFoundException)
        {
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the next sweep.
            return false;
        }
    }
}
