using System.Globalization;
using ContainerCd.Runtime.History;
using ContainerCd.Runtime.Pipeline.Steps;
using ContainerCd.Runtime.Results;

namespace ContainerCd.Runtime.Pipeline.JobProperties;

/// <summary>
/// The job properties a build sets (Declarative <c>options { }</c> or the <c>properties([...])</c> step), applied
/// to that build as Jenkins applies them to the job: <c>disableConcurrentBuilds()</c> waits here until no other
/// build of the job runs, in this process or another on the same home (<c>abortPrevious: true</c> supersedes the
/// older builds instead: they end NOT_BUILT); <c>buildDiscarder(logRotator(...))</c> deletes old builds once this
/// one is recorded. Other job properties change nothing for a build.
/// </summary>
internal static class JobPropertyEffects
{
    internal static async ValueTask ApplyAsync(BuildContext build, FlowContext flow, IEnumerable<DescribableValue> properties)
    {
        foreach (var property in properties)
        {
            switch (property.Symbol)
            {
                case "buildDiscarder":
                    build.Discarder = LogRotator.From(property, line => build.Log(flow, line));
                    break;
                case "disableConcurrentBuilds":
                    await DisableConcurrentBuildsAsync(build, flow, property.Get("abortPrevious") is true).ConfigureAwait(false);
                    break;
            }
        }
    }

    /// <summary>Sets the job's triggers to these (<c>cron</c>, <c>pollSCM</c>, <c>upstream</c>): whoever runs the build registers them.</summary>
    internal static void DeclareTriggers(BuildContext build, FlowContext flow, IEnumerable<object?> triggers)
    {
        var read = Triggers.JobTriggers.Read(triggers, line => build.Log(flow, line));
        build.Request.TriggersDeclared?.Invoke(read);
    }

    private static async ValueTask DisableConcurrentBuildsAsync(BuildContext build, FlowContext flow, bool abortPrevious)
    {
        if (build.ConcurrencyLock is not null)
        {
            return;
        }

        var job = build.Job;
        var held = ConcurrentBuildLock.Register(build.Request.Home, job, build.Number, build.Time, newer =>
            build.Root.Cancel(BuildResult.NotBuilt, string.Create(CultureInfo.InvariantCulture, $"Superseded by {job} #{newer}")));
        build.ConcurrencyLock = held;
        if (abortPrevious)
        {
            held.SupersedeOlder();
        }

        var token = flow.CancellationToken;
        try
        {
            await build.WhileWaitingAsync(async () => await held.WaitAsync(
                running => build.Log(flow, running is { } number
                    ? string.Create(CultureInfo.InvariantCulture, $"Build #{number} is already in progress; waiting for it to finish (disableConcurrentBuilds)")
                    : $"Another build of {job} is already in progress; waiting for it to finish (disableConcurrentBuilds)"),
                token).ConfigureAwait(false)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            throw flow.Cancellation.CreateInterruptedException();
        }
    }

    /// <summary>
    /// After the build is recorded: discards old builds as its <c>buildDiscarder</c> says (their records, logs,
    /// kept Jenkinsfiles, stashes and artifacts), then lets the next build of the job start.
    /// </summary>
    internal static async ValueTask AfterBuildAsync(BuildContext build, BuildResult result)
    {
        try
        {
            if (build.Discarder is { } rotator)
            {
                await DiscardAsync(build, rotator, result).ConfigureAwait(false);
            }
        }
        finally
        {
            build.ConcurrencyLock?.Dispose();
        }
    }

    private static async ValueTask DiscardAsync(BuildContext build, LogRotator rotator, BuildResult result)
    {
        var history = build.Request.History;
        var listed = await history.ListBuildsAsync(build.Job, CancellationToken.None).ConfigureAwait(false);
        // This build is over: it counts with its result (a server marks it finished only after its last event).
        List<BuildListing> builds = [new(build.Number, build.StartedAt, result), .. listed.Where(b => b.Number != build.Number)];
        builds.Sort((a, b) => b.Number.CompareTo(a.Number));
        var (deleted, stripped) = rotator.Select(builds, build.Time.GetUtcNow());
        var home = build.Request.Home;
        foreach (var number in deleted)
        {
            await history.DeleteBuildAsync(build.Job, number, CancellationToken.None).ConfigureAwait(false);
            DeleteFolder(PipelineEngine.BuildDirectory(home, build.Job, number));
            DeleteFolder(Folder(home, "stashes", build.Job, number));
            DeleteFolder(Folder(home, "artifacts", build.Job, number));
            DeleteFolder(Folder(home, "reports", build.Job, number));
        }

        foreach (var number in stripped)
        {
            DeleteFolder(Folder(home, "artifacts", build.Job, number));
        }
    }

    private static string Folder(string home, string kind, string job, int number) =>
        Path.Combine(Path.GetFullPath(home), kind, job, number.ToString(CultureInfo.InvariantCulture));

    private static void DeleteFolder(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // As Jenkins: a build that cannot be fully deleted now is tried again after the next build.
        }
    }
}
