using System.Runtime.Versioning;
using System.Text;
using ContainerCd.Runtime.Pipeline.Files;

namespace ContainerCd.Runtime.Tests.Files;

[SupportedOSPlatform("linux")]
public sealed class SecretFileTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ccd-secret");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void Write_NewFile_IsOwnerOnlyAndHoldsTheTextWithoutByteOrderMark()
    {
        var path = Path.Combine(_folder.FullName, "key");

        SecretFile.Write(path, "sécret\n");

        Assert.Equal(OwnerOnly, File.GetUnixFileMode(path));
        Assert.Equal(Encoding.UTF8.GetBytes("sécret\n"), File.ReadAllBytes(path));
    }

    [Fact]
    public async Task WriteAsync_ReplacesAFileOthersCouldRead_WithAnOwnerOnlyOne()
    {
        var path = Path.Combine(_folder.FullName, "key.pem");
        await File.WriteAllTextAsync(path, "an older and longer text", TestContext.Current.CancellationToken);
        File.SetUnixFileMode(path, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        await SecretFile.WriteAsync(path, "new", TestContext.Current.CancellationToken);

        Assert.Equal(OwnerOnly, File.GetUnixFileMode(path));
        Assert.Equal("new", await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken));
    }
}
