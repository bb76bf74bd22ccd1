using System.Globalization;
using ContainerCd.Runtime.History;
using ContainerCd.Runtime.Pipeline.Steps;
using ContainerCd.Runtime.Results;

namespace ContainerCd.Runtime.Pipeline.JobProperties;

/// <summary>
/// <c>buildDiscarder(logRotator(numToKeepStr:, daysToKeepStr:, artifactNumToKeepStr:, artifactDaysToKeepStr:,
/// removeLastBuild:))</c>, as Jenkins' hudson.tasks.LogRotator: after each build, the builds beyond the newest
/// <see cref="NumToKeep"/> (or started more than <see cref="DaysToKeep"/> days ago) are deleted, record, log and
/// artifacts; beyond <see cref="ArtifactNumToKeep"/> (or <see cref="ArtifactDaysToKeep"/> days) only their
/// artifacts. A running build is never touched, nor (unless <see cref="RemoveLastBuild"/>) the last successful and
/// the last stable build. -1 means no limit.
/// </summary>
public sealed record LogRotator(int DaysToKeep, int NumToKeep, int ArtifactDaysToKeep, int ArtifactNumToKeep, bool RemoveLastBuild)
{
    /// <summary>The strategy of <c>buildDiscarder(...)</c>: a <c>logRotator(...)</c>; warns about what is not a number, which Jenkins ignores too.</summary>
    public static LogRotator? From(DescribableValue buildDiscarder, Action<string> warn)
    {
        ArgumentNullException.ThrowIfNull(buildDiscarder);
        ArgumentNullException.ThrowIfNull(warn);
        if (buildDiscarder.Get("strategy", firstPositional: true) is not DescribableValue { Symbol: "logRotator" } rotator)
        {
            warn("WARNING: buildDiscarder: only logRotator(...) is supported by containercd; no builds are discarded");
            return null;
        }

        int Count(string name)
        {
            var text = rotator.GetString(name)?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                return -1;
            }

            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            warn($"WARNING: logRotator: {name} '{text}' is not a number; ignored");
            return -1;
        }

        return new LogRotator(
            Count("daysToKeepStr"), Count("numToKeepStr"), Count("artifactDaysToKeepStr"), Count("artifactNumToKeepStr"),
            rotator.Get("removeLastBuild") is true || string.Equals(rotator.GetString("removeLastBuild"), "true", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>What to delete, given the job's started builds newest first: whole builds, and builds that only lose their artifacts.</summary>
    public (IReadOnlyList<int> Builds, IReadOnlyList<int> Artifacts) Select(IReadOnlyList<BuildListing> newestFirst, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(newestFirst);
        var lastSuccessful = newestFirst.FirstOrDefault(b => b.Result is BuildResult.Success or BuildResult.Unstable);
        var lastStable = newestFirst.FirstOrDefault(b => b.Result is BuildResult.Success);
        bool Keep(BuildListing build) => build.Result is null || (!RemoveLastBuild && (build == lastSuccessful || build == lastStable));

        var builds = new List<int>();
        var artifacts = new List<int>();
        Apply(NumToKeep, DaysToKeep, builds, []);
        Apply(ArtifactNumToKeep, ArtifactDaysToKeep, artifacts, builds);
        return (builds, artifacts);

        void Apply(int number, int days, List<int> into, List<int> gone)
        {
            if (number >= 0)
            {
                into.AddRange(newestFirst.Skip(number).Where(b => !Keep(b)).Select(b => b.Number));
            }

            if (days >= 0)
            {
                var cutoff = now.AddDays(-days);
                into.AddRange(newestFirst.Reverse().TakeWhile(b => b.StartedAt < cutoff).Where(b => !Keep(b)).Select(b => b.Number));
            }

            into.RemoveAll(gone.Contains);
            var distinct = into.Distinct().ToList();
            into.Clear();
            into.AddRange(distinct);
        }
    }
}
