using System.Diagnostics;

namespace ContainerCd.Router.Client;

/// <summary>
/// How to start a router process: the command (<c>containercd-server router</c> or anything that ends up running
/// <see cref="Hosting.RouterHost"/>), to which <c>--home DIR</c> is added. The process is detached from its starter:
/// a session of its own (setsid), standard input from /dev/null, output appended to <c>router.log</c>, so it
/// outlives the <c>run</c> or <c>serve</c> that started it and holds none of its pipes or its terminal.
/// </summary>
public sealed record RouterLauncher(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>The <c>containercd-server</c> executable in <paramref name="folder"/> (the server's own folder; a test's output folder).</summary>
    public static RouterLauncher NextTo(string folder) => new(Path.Combine(folder, "containercd-server"), ["router"]);

    internal void Start(RouterPaths paths)
    {
        if (!File.Exists(FileName))
        {
            throw new InvalidOperationException($"cannot start the router: {FileName} does not exist");
        }

        var start = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("log=$1; shift; setsid \"$@\" </dev/null >>\"$log\" 2>&1 &");
        start.ArgumentList.Add("containercd-router-start");
        start.ArgumentList.Add(paths.Log);
        start.ArgumentList.Add(FileName);
        foreach (var argument in Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add("--home");
        start.ArgumentList.Add(paths.Home);
        using var shell = Process.Start(start) ?? throw new InvalidOperationException("cannot start /bin/sh to start the router");
        shell.WaitForExit();
        if (shell.ExitCode != 0)
        {
            throw new InvalidOperationException($"cannot start the router ({FileName}): {shell.StandardError.ReadToEnd().Trim()}");
        }
    }
}
