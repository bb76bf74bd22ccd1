namespace ContainerCd.Router.Tests.Support;

/// <summary>A home folder of its own for one test, removed afterwards.</summary>
internal sealed class TempHome : IDisposable
{
    // Unix socket paths are limited to 108 bytes: keep homes short.
    public string Path { get; } = Directory.CreateTempSubdirectory("ccr").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
