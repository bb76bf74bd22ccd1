using ContainerCd.Server.Builds;
using ContainerCd.Server.Jobs;
using ContainerCd.Server.Live;
using ContainerCd.Server.Storage;

namespace ContainerCd.Server.Api;

/// <summary>What the endpoints use: jobs, the store, the queue, the live streams and the file layout.</summary>
internal sealed record ServerContext(JobCatalog Jobs, BuildStore Store, BuildQueue Queue, LiveBuilds Live, BuildPaths Paths, TimeProvider Time)
{
    public long LogSize(BuildRecord build) => LogFiles.Size(Paths.LogFile(build.Job, build.Number));

    /// <summary>The build's record, with the live last sequence when it is running.</summary>
    public BuildRecord? Build(string job, int number)
    {
        var build = Store.GetBuild(job, number);
        if (build is not null && Live.Get(build.BuildId) is { } stream)
        {
            build = build with { LastSequence = Math.Max(build.LastSequence, stream.LastSequence) };
        }

        return build;
    }

    /// <summary>A build number or one of Jenkins' permalinks (lastBuild, lastSuccessfulBuild, lastCompletedBuild, lastFailedBuild).</summary>
    public BuildRecord? Resolve(string job, string numberOrPermalink)
    {
        if (int.TryParse(numberOrPermalink, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            return Build(job, number);
        }

        var builds = Store.ListBuilds(job, 1000);
        var found = numberOrPermalink switch
        {
            "lastBuild" => builds.Count > 0 ? builds[0] : null,
            "lastCompletedBuild" => builds.FirstOrDefault(b => !b.Building),
            "lastSuccessfulBuild" => builds.FirstOrDefault(b => b.Result == "SUCCESS"),
            "lastFailedBuild" => builds.FirstOrDefault(b => b.Result == "FAILURE"),
            "lastUnsuccessfulBuild" => builds.FirstOrDefault(b => !b.Building && b.Result != "SUCCESS"),
            _ => null,
        };
        return found is null ? null : Build(job, found.Number);
    }
}
