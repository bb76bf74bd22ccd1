using System.CommandLine;
using System.Runtime.CompilerServices;

namespace ContainerCd.Server.Cli;

/// <summary>
/// <c>containercd serve [--urls URLS] [--home DIR] [--config FILE] [--executors N] [--token TOKEN]</c>: the
/// server. Nothing of ASP.NET is touched until the command runs (see <see cref="ServeRunner"/>), so the
/// other commands start without it.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Where to listen (';'-separated). Default: http://127.0.0.1:8080", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var home = new Option<string>("--home") { Description = "Home folder: database, build logs, workspaces, jobs/. Default: ./.containercd", DefaultValueFactory = _ => ".containercd" };
        var config = new Option<FileInfo?>("--config") { Description = "Config file (YAML): jobs (name: Jenkinsfile path), agents, credentials..." };
        var executors = new Option<int>("--executors") { Description = "How many builds run at once. Default: 2", DefaultValueFactory = _ => 2 };
        var token = new Option<string?>("--token") { Description = "API token required by the API and the hub (default: CONTAINERCD_TOKEN; generated when listening beyond loopback)" };
        var command = new Command("serve", "Serves builds: live logs in the browser, history, REST and Jenkins-compatible endpoints.")
        {
            urls, home, config, executors, token,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse.GetValue(urls)!, parse.GetValue(home)!, parse.GetValue(config)?.FullName, parse.GetValue(executors), parse.GetValue(token), cancellationToken));
        return command;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Task<int> RunAsync(string urls, string home, string? config, int executors, string? token, CancellationToken cancellationToken) =>
        ServeRunner.RunAsync(urls, home, config, executors, token ?? Environment.GetEnvironmentVariable("CONTAINERCD_TOKEN"), cancellationToken);
}
