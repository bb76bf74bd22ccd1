using ContainerCd.Parser.Text;
using ContainerCd.Runtime.Groovy.Interpreter;
using ContainerCd.Runtime.Groovy.Values;

namespace ContainerCd.Runtime.Pipeline.Files;

/// <summary>
/// A file findFiles returns (pipeline-utility-steps' <c>FileWrapper</c>): name, path (relative, a directory's
/// ending in <c>/</c>), directory, length and lastModified (milliseconds), printed as its path.
/// </summary>
public sealed class FileWrapperValue : IGroovyObject
{
    public const string ClassName = "org.jenkinsci.plugins.pipeline.utility.steps.fs.FileWrapper";

    public FileWrapperValue(string name, string path, bool directory, long length, long lastModified)
    {
        Name = name;
        Path = directory && !path.EndsWith('/') ? path + "/" : path;
        IsDirectory = directory;
        Length = length;
        LastModified = lastModified;
    }

    public string Name { get; }

    public string Path { get; }

    public bool IsDirectory { get; }

    public long Length { get; }

    public long LastModified { get; }

    public string GroovyClassName => ClassName;

    /// <summary>The wrapper of an existing file or directory (<paramref name="fullPath"/> real, links already resolved).</summary>
    public static FileWrapperValue Of(string relativePath, string fullPath)
    {
        var name = relativePath.TrimEnd('/');
        name = name[(name.LastIndexOf('/') + 1)..];
        FileSystemInfo info = Directory.Exists(fullPath) ? new DirectoryInfo(fullPath) : new FileInfo(fullPath);
        return new FileWrapperValue(name, relativePath, info is DirectoryInfo, info is FileInfo file ? file.Length : 0,
            new DateTimeOffset(info.LastWriteTimeUtc).ToUnixTimeMilliseconds());
    }

    public object? GetProperty(string name) => name switch
    {
        "name" => Name,
        "path" => Path,
        "directory" => IsDirectory,
        "length" => Length,
        "lastModified" => LastModified,
        _ => Undefined.Value,
    };

    public bool SetProperty(string name, object? value) => false;

    public ValueTask<object?> InvokeMethodAsync(string name, Arguments arguments, Frame frame, SourceSpan span) =>
        ValueTask.FromResult<object?>(name switch
        {
            "getName" => (object)Name,
            "getPath" => Path,
            "isDirectory" => IsDirectory,
            "getLength" => Length,
            "getLastModified" => LastModified,
            "toString" => Path,
            _ => Undefined.Value,
        });

    public override string ToString() => Path;
}
