using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;

namespace ContainerCd.Runtime.Docker.Images;

/// <summary>
/// The files of a <c>docker build</c> context after <c>.dockerignore</c>, with a hash of everything that
/// decides the image (paths, modes, contents, the Dockerfile and the build options), and the tar the
/// engine takes. A Dockerfile outside the context travels inside the tar under a reserved name.
/// </summary>
internal sealed class DockerBuildContext
{
    private const string OutsideDockerfileName = ".containercd.Dockerfile";

    private readonly string _root;
    private readonly List<string> _files;
    private readonly string? _outsideDockerfile;

    private DockerBuildContext(string root, List<string> files, string dockerfileInTar, string? outsideDockerfile)
    {
        _root = root;
        _files = files;
        DockerfileInTar = dockerfileInTar;
        _outsideDockerfile = outsideDockerfile;
    }

    /// <summary>The Dockerfile's path inside the tar, for the build's <c>dockerfile</c> parameter.</summary>
    public string DockerfileInTar { get; }

    public static DockerBuildContext Collect(string contextDirectory, string dockerfilePath)
    {
        var root = Path.GetFullPath(contextDirectory);
        var dockerfile = Path.GetFullPath(dockerfilePath);
        var ignore = DockerIgnore.Load(root);
        var files = new List<string>();
        foreach (var path in Directory.EnumerateFileSystemEntries(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, ReturnSpecialDirectories = false }))
        {
            var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
            if (!ignore.IsExcluded(relative) || relative is ".dockerignore")
            {
                files.Add(relative);
            }
        }

        files.Sort(StringComparer.Ordinal);
        var relativeDockerfile = Path.GetRelativePath(root, dockerfile).Replace('\\', '/');
        var inside = !relativeDockerfile.StartsWith("../", StringComparison.Ordinal) && !Path.IsPathRooted(relativeDockerfile);
        if (inside && !files.Contains(relativeDockerfile))
        {
            files.Add(relativeDockerfile);
        }

        return inside
            ? new DockerBuildContext(root, files, relativeDockerfile, null)
            : new DockerBuildContext(root, files, OutsideDockerfileName, dockerfile);
    }

    /// <summary>SHA-256 over the context and <paramref name="options"/> (build args, target...), hex.</summary>
    public string ComputeHash(string options)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"options\0{options}\0dockerfile\0{DockerfileInTar}\0"));
        if (_outsideDockerfile is not null)
        {
            hash.AppendData(File.ReadAllBytes(_outsideDockerfile));
        }

        var buffer = new byte[81920];
        foreach (var relative in _files)
        {
            var full = Path.Combine(_root, relative);
            var info = new FileInfo(full);
            hash.AppendData(Encoding.UTF8.GetBytes($"{relative}\0{(info.Attributes & FileAttributes.Directory) != 0}\0{info.LinkTarget}\0{(int)info.UnixFileMode}\0"));
            if ((info.Attributes & FileAttributes.Directory) == 0 && info.LinkTarget is null)
            {
                using var stream = info.OpenRead();
                int read;
                while ((read = stream.Read(buffer)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                }
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Writes the context as a tar to a temporary file stream (deleted on close).</summary>
    public async Task<Stream> CreateTarAsync(CancellationToken cancellationToken)
    {
        var stream = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await using (var writer = new TarWriter(stream, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var relative in _files)
            {
                await writer.WriteEntryAsync(Path.Combine(_root, relative), relative, cancellationToken).ConfigureAwait(false);
            }

            if (_outsideDockerfile is not null)
            {
                await writer.WriteEntryAsync(_outsideDockerfile, OutsideDockerfileName, cancellationToken).ConfigureAwait(false);
            }
        }

        stream.Position = 0;
        return stream;
    }
}
