using System.Diagnostics;

namespace ContainerCd.Runtime.Tests.Scm;

/// <summary>
/// A real git repository made for a test with the git command line: a working repository where commits are made,
/// and a bare "remote" they are pushed to, reached by <see cref="Url"/> (<c>file://</c>).
/// </summary>
internal sealed class TestRepository : IDisposable
{
    public TestRepository(string name = "app")
    {
        Root = Directory.CreateTempSubdirectory("ccd-git-").FullName;
        Work = Path.Combine(Root, "work");
        Bare = Path.Combine(Root, name + ".git");
        Git(Root, "init", "-q", "--bare", "-b", "main", Bare);
        Git(Root, "init", "-q", "-b", "main", Work);
        Git(Work, "remote", "add", "origin", Bare);
    }

    public string Root { get; }

    public string Work { get; }

    public string Bare { get; }

    public string Url => "file://" + Bare;

    /// <summary>Writes the files (null deletes one), commits them on the current branch and returns the commit id.</summary>
    public string Commit(string message, params (string Path, string? Content)[] files)
    {
        foreach (var (path, content) in files)
        {
            var full = Path.Combine(Work, path);
            if (content is null)
            {
                File.Delete(full);
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content);
        }

        Git(Work, "add", "-A");
        Git(Work, "commit", "-q", "--allow-empty", "-m", message);
        return Git(Work, "rev-parse", "HEAD").Trim();
    }

    /// <summary>Pushes every branch and tag to the bare remote.</summary>
    public void Push() => Git(Work, "push", "-q", "--force", "--all", "origin", "--follow-tags");

    public void Branch(string name) => Git(Work, "checkout", "-q", "-B", name);

    public void Tag(string name, string? message = null)
    {
        if (message is null)
        {
            Git(Work, "tag", name);
        }
        else
        {
            Git(Work, "tag", "-a", name, "-m", message);
        }

        Git(Work, "push", "-q", "origin", "refs/tags/" + name);
    }

    public static string Git(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["GIT_AUTHOR_NAME"] = "Ada Lovelace";
        start.Environment["GIT_AUTHOR_EMAIL"] = "ada@example.invalid";
        start.Environment["GIT_COMMITTER_NAME"] = "Charles Babbage";
        start.Environment["GIT_COMMITTER_EMAIL"] = "charles@example.invalid";
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["HOME"] = Path.GetTempPath();
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) => error.AppendLine(e.Data);
        process.BeginErrorReadLine();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed: {error}");
        }

        return output;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, true);
        }
        catch (IOException)
        {
        }
    }
}
