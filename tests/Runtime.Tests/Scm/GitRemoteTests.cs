using ContainerCd.Runtime.Scm;

namespace ContainerCd.Runtime.Tests.Scm;

public sealed class GitRemoteTests
{
    [Theory]
    [InlineData("/srv/git/app.git", "file:///srv/git/app.git", GitTransport.Local, "file:///srv/git/app")]
    [InlineData("file:///srv/git/app.git/", "file:///srv/git/app.git", GitTransport.Local, "file:///srv/git/app")]
    [InlineData("https://Example.com/org/app.git", "https://Example.com/org/app.git", GitTransport.Http, "https://example.com/org/app")]
    [InlineData("http://127.0.0.1:8080/app", "http://127.0.0.1:8080/app", GitTransport.Http, "http://127.0.0.1:8080/app")]
    [InlineData("ssh://git@example.com:2222/org/app.git", "ssh://git@example.com:2222/org/app.git", GitTransport.Ssh, "ssh://example.com:2222/org/app")]
    [InlineData("git@example.com:org/app.git", "git@example.com:org/app.git", GitTransport.Ssh, "ssh://example.com/org/app")]
    public void Parse_SupportedUrl_GivesTransportFetchUrlAndNormalisedForm(string url, string fetchUrl, GitTransport transport, string normalized)
    {
        // When
        var remote = GitRemote.Parse(url);

        // Then
        Assert.Equal(fetchUrl, remote.FetchUrl);
        Assert.Equal(transport, remote.Transport);
        Assert.Equal(normalized, remote.Normalized);
        Assert.Equal("app", remote.RepositoryName);
        Assert.EndsWith(".git", remote.MirrorName, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_CredentialsInUrl_AreNotInTheMirrorName()
    {
        // When
        var remote = GitRemote.Parse("https://bot:s3cret@example.com/org/app.git");

        // Then
        Assert.DoesNotContain("s3cret", remote.MirrorName, StringComparison.Ordinal);
        Assert.True(remote.SameRepository(GitRemote.Parse("https://example.com/org/app")));
    }

    [Theory]
    [InlineData("git://example.com/app.git", "the git:// protocol is not supported")]
    [InlineData("svn://example.com/app", "unsupported protocol")]
    [InlineData("file://relative/app.git", "needs an absolute path")]
    [InlineData(" ", "No repository URL given")]
    public void Parse_UnsupportedUrl_IsRefusedWithTheReason(string url, string reason)
    {
        var error = Assert.Throws<GitException>(() => GitRemote.Parse(url));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}
