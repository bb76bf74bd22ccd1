using System.Collections.Immutable;
using System.CommandLine;
using ContainerCd.Entry;
using ContainerCd.Parser.Text;
using ContainerCd.Runtime.History;
using ContainerCd.Runtime.Pipeline;
using ContainerCd.Runtime.Pipeline.Configuration;
using ContainerCd.Runtime.Pipeline.Scm;
using ContainerCd.Runtime.Results;
using ContainerCd.Server.Builds;
using ContainerCd.Server.Storage;

namespace ContainerCd.Server.Cli;

/// <summary>
/// <c>containercd run [FILE] [--job NAME] [--home DIR] [-p NAME=VALUE]... [-e NAME=VALUE]... [--config FILE] [--input proceed|abort]
/// [--restart-stage STAGE [--restart-build N]] [--repo URL [--branch B] [--script-path P] [--credentials-id ID]]</c>:
/// runs a Jenkinsfile on this machine (or the one of a repository's branch head) and prints Jenkins' console log. The exit code says the result:
/// 0 SUCCESS, 1 FAILURE, 3 UNSTABLE, 4 ABORTED, 5 NOT_BUILT (2 for a bad command line or config).
/// SIGTERM, SIGINT (Ctrl-C), SIGHUP or SIGQUIT abort the build as Jenkins' abort does: the running steps are
/// interrupted, post conditions run, the console ends <c>Finished: ABORTED</c>, exit code 4, and the build's
/// processes and containers are gone before the process exits. A second signal forces the exit (same cleanup,
/// without waiting for post steps).
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo?>("FILE") { Description = "The Jenkinsfile. Default: ./Jenkinsfile", Arity = ArgumentArity.ZeroOrOne };
        var job = new Option<string?>("--job") { Description = "Job name (keeps build numbers and history). Default: the Jenkinsfile's folder name" };
        var home = new Option<string>("--home") { Description = "Home folder: history database, workspaces. Default: ./.containercd", DefaultValueFactory = _ => ".containercd" };
        var parameters = new Option<string[]>("-p", "--param") { Description = "Build parameter NAME=VALUE (repeatable)", AllowMultipleArgumentsPerToken = false };
        var environment = new Option<string[]>("-e", "--env") { Description = "Environment variable NAME=VALUE for the whole build, e.g. BRANCH_NAME=main (repeatable)" };
        var config = new Option<FileInfo?>("--config") { Description = "Config file (YAML): agents, credentials, tools, libraries, noopSteps" };
        var input = new Option<string?>("--input") { Description = "Answer every input: proceed or abort. Default: ask on the terminal, abort without one" };
        input.AcceptOnlyFromAmong("proceed", "abort");
        var restartStage = new Option<string?>("--restart-stage") { Description = "Restart an earlier build from this stage (Jenkins' Restart from Stage): its Jenkinsfile and stashes, the stages before it skipped; give its parameters again with -p" };
        var restartBuild = new Option<int?>("--restart-build") { Description = "The build --restart-stage restarts. Default: the job's last finished build" };
        var repo = new Option<string?>("--repo") { Description = "Run the pipeline of a git repository (path, file://, http(s)://, ssh://): its Jenkinsfile read from the branch head, that commit checked out. Job name default: the repository's name" };
        var branch = new Option<string?>("--branch") { Description = "With --repo: the branch (or tag). Default: the repository's default branch" };
        var scriptPath = new Option<string>("--script-path") { Description = "With --repo: the Jenkinsfile's path in the repository", DefaultValueFactory = _ => "Jenkinsfile" };
        var credentialsId = new Option<string?>("--credentials-id") { Description = "With --repo: the config's credential to fetch with (usernamePassword for http(s), sshUserPrivateKey for ssh)" };
        var command = new Command("run", "Runs a Jenkinsfile here, printing Jenkins' console log; exit code 0 SUCCESS, 1 FAILURE, 3 UNSTABLE, 4 ABORTED, 5 NOT_BUILT.")
        {
            file, job, home, parameters, environment, config, input, restartStage, restartBuild, repo, branch, scriptPath, credentialsId,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse.GetValue(file), parse.GetValue(job), parse.GetValue(home)!, parse.GetValue(parameters) ?? [], parse.GetValue(environment) ?? [],
            parse.GetValue(config), parse.GetValue(input), parse.GetValue(restartStage), parse.GetValue(restartBuild),
            new RepositoryOptions(parse.GetValue(repo), parse.GetValue(branch), parse.GetValue(scriptPath)!, parse.GetValue(credentialsId)), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(FileInfo? file, string? job, string home, string[] parameters, string[] environment, FileInfo? configFile, string? input,
        string? restartStage, int? restartBuild, RepositoryOptions repository, CancellationToken cancellationToken)
    {
        var path = file?.FullName ?? Path.GetFullPath("Jenkinsfile");
        if (repository.Url is not null && file is not null)
        {
            await Console.Error.WriteLineAsync("containercd run: give a Jenkinsfile or --repo, not both").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        if (repository.Url is null && (repository.Branch is not null || repository.CredentialsId is not null))
        {
            await Console.Error.WriteLineAsync("containercd run: --branch and --credentials-id go with --repo").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        if (repository.Url is null && !File.Exists(path))
        {
            await Console.Error.WriteLineAsync($"containercd run: {path}: no such file (give the Jenkinsfile, or run where ./Jenkinsfile is)").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        if (!TryPairs(parameters, "-p", out var parameterValues) || !TryPairs(environment, "-e", out var environmentValues))
        {
            return ExitCodes.Usage;
        }

        RuntimeConfig config;
        try
        {
            config = configFile is null ? RuntimeConfig.Empty : ConfigLoader.Load(configFile.FullName);
        }
        catch (ConfigException e)
        {
            await Console.Error.WriteLineAsync("containercd run: " + e.Message).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var directory = Path.GetDirectoryName(path)!;
        var jobName = job ?? SafeJobName(repository.Url is null ? Path.GetFileName(directory) : RepositorySource.JobName(repository.Url));
        var paths = new BuildPaths(home);
        GitSource? source = null;
        string jenkinsfile;
        if (repository.Url is not null)
        {
            var (read, text, error) = await RepositorySource.ReadAsync(repository.Url, repository.Branch, repository.ScriptPath, repository.CredentialsId, config, paths.Home, cancellationToken).ConfigureAwait(false);
            if (read is null)
            {
                await Console.Error.WriteLineAsync("containercd run: --repo: " + error).ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            (source, jenkinsfile, path) = (read, text!, repository.ScriptPath);
        }
        else
        {
            jenkinsfile = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }

        using var store = new BuildStore(paths.Database);
        // This command handles the signals itself (AbortOnSignals): the build is aborted and its agents released in order.
        await using var agents = AgentProviders.Create(config, removeOwnedOnSignal: false);
        int? restartFrom = null;
        if (restartStage is not null)
        {
            restartFrom = restartBuild ?? (await store.GetPreviousCompletedBuildAsync(jobName, int.MaxValue, cancellationToken).ConfigureAwait(false))?.Number;
            if (restartFrom is null)
            {
                await Console.Error.WriteLineAsync($"containercd run: --restart-stage: job {jobName} has no finished build to restart (in {paths.Home})").ConfigureAwait(false);
                return ExitCodes.Usage;
            }
        }
        else if (restartBuild is not null)
        {
            await Console.Error.WriteLineAsync("containercd run: --restart-build needs --restart-stage").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var interactive = !Console.IsInputRedirected && !Console.IsOutputRedirected;
        var console = new ConsoleBuildObserver(interactive);
        using var terminalInput = new ConsoleInputHandler(console);
        var request = new BuildRequest
        {
            Jenkinsfile = new SourceText(path, jenkinsfile),
            Job = jobName,
            Home = paths.Home,
            History = store,
            Parameters = parameterValues,
            Environment = environmentValues,
            Config = config,
            Cause = restartFrom is { } from
                ? BuildCause.Restart(from, restartStage!)
                : BuildCause.User(Environment.UserName),
            Inputs = input switch
            {
                "proceed" => InputHandlers.ProceedAll,
                "abort" => InputHandlers.AbortAll,
                _ when interactive => terminalInput,
                _ => InputHandlers.AbortAll,
            },
            Agents = agents.All,
            Extensions = BuildExtensions.For(paths.Home, agents.All),
            SourceDirectory = source is null ? directory : null,
            Repository = source,
            RestartFromStage = restartStage,
            RestartFromBuild = restartFrom,
        };

        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        BuildOutcome outcome;
        using (new AbortOnSignals(
            signal =>
            {
                console.WriteLine("Aborted by " + signal);
                Console.Error.WriteLine($"containercd: {signal}: aborting the build (post conditions run, then its agents are released); a second signal forces the exit");
                abort.Cancel();
            },
            signal => ForceExit(signal, console, agents, store)))
        {
            outcome = await PipelineEngine.RunAsync(request, console, abort.Token).ConfigureAwait(false);
        }

        console.PrintSummary();
        if (Environment.GetEnvironmentVariable("CONTAINERCD_TIMINGS_FILE") is { Length: > 0 } timings && console.FirstStageStarted is { } first && console.LastStageFinished is { } last)
        {
            // For bench/runtime.sh: the span from the first stage's start to the last stage's end, in milliseconds.
            await File.WriteAllTextAsync(timings, ((last - first).TotalMilliseconds).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture), CancellationToken.None).ConfigureAwait(false);
        }

        return RunExitCode.For(outcome.Result);
    }

    /// <summary>
    /// A second signal while the build was aborting: kill the build's processes, remove every container this
    /// process owns, record the build ABORTED, end the console log as Jenkins does, and exit now.
    /// </summary>
    private static void ForceExit(string signal, ConsoleBuildObserver console, AgentProviders agents, BuildStore store)
    {
        Console.Error.WriteLine($"containercd: {signal} again: forcing the exit; removing the build's processes and containers");
        var started = console.Started;
#pragma warning disable CA1031, VSTHRD002 // Best effort, synchronously: the process ends right after (Docker may be absent).
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        void Quietly(Func<Task> release)
        {
            try
            {
                release().GetAwaiter().GetResult();
            }
            catch (Exception)
            {
            }
        }

        if (started is not null)
        {
            Quietly(() => agents.ReleaseBuildAsync(started.BuildId, timeout.Token));
        }

        Quietly(() => agents.Docker.Janitor.RemoveOwnedByCurrentProcessAsync(timeout.Token));
        if (started is not null)
        {
            // Steps may have started processes meanwhile.
            Quietly(() => agents.ReleaseBuildAsync(started.BuildId, timeout.Token));
            try
            {
                store.RecordCompletedAsync(new BuildSummary(started.Job, started.Number, BuildResult.Aborted, started.Timestamp, TimeProvider.System.GetUtcNow() - started.Timestamp, null, null))
                    .AsTask().GetAwaiter().GetResult();
            }
            catch (Exception)
            {
            }
        }
#pragma warning restore CA1031, VSTHRD002

        console.End("Finished: ABORTED");
        Environment.Exit(ExitCodes.Aborted);
    }

    /// <summary>What <c>--repo</c>, <c>--branch</c>, <c>--script-path</c> and <c>--credentials-id</c> ask for.</summary>
    private sealed record RepositoryOptions(string? Url, string? Branch, string ScriptPath, string? CredentialsId);

    private static bool TryPairs(string[] values, string option, out ImmutableDictionary<string, string> pairs)
    {
        var builder = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var equals = value.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                Console.Error.WriteLine($"containercd run: {option} expects NAME=VALUE, got '{value}'");
                pairs = ImmutableDictionary<string, string>.Empty;
                return false;
            }

            builder[value[..equals]] = value[(equals + 1)..];
        }

        pairs = builder.ToImmutable();
        return true;
    }

    private static string SafeJobName(string name)
    {
        var safe = new string([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-')]).Trim('-', '.');
        return safe.Length == 0 ? "job" : safe;
    }
}
