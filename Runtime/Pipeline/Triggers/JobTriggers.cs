using System.Collections.Immutable;
using ContainerCd.Parser.Cron;
using ContainerCd.Runtime.Groovy.Interpreter;
using ContainerCd.Runtime.Groovy.Operations;
using ContainerCd.Runtime.Groovy.Values;
using ContainerCd.Runtime.Pipeline.Steps;
using ContainerCd.Runtime.Results;

namespace ContainerCd.Runtime.Pipeline.Triggers;

/// <summary>
/// Reads the triggers a build declares: each <c>cron</c>, <c>pollSCM</c> and <c>upstream</c> becomes a
/// <see cref="JobTrigger"/>; a spec Jenkins refuses fails the build with Jenkins' message (as instantiating
/// the trigger does there); a trigger containercd does not run is named in a warning, never silently dropped.
/// </summary>
internal static class JobTriggers
{
    /// <summary>Whether containercd runs this trigger (<c>cron</c>, <c>pollSCM</c>, <c>upstream</c>).</summary>
    public static bool Runs(string symbol) => symbol is "cron" or "pollSCM" or "upstream";

    public static ImmutableArray<JobTrigger> Read(IEnumerable<object?> triggers, Action<string> warn)
    {
        var read = ImmutableArray.CreateBuilder<JobTrigger>();
        foreach (var value in triggers)
        {
            if (value is not DescribableValue trigger)
            {
                continue;
            }

            switch (trigger.Symbol)
            {
                case "cron":
                    read.Add(new CronTrigger(Spec(trigger, "spec")));
                    break;
                case "pollSCM":
                    read.Add(new PollScmTrigger(Spec(trigger, "scmpoll_spec"), GroovyTruth.IsTrue(trigger.Get("ignorePostCommitHooks"))));
                    break;
                case "upstream":
                    read.Add(Upstream(trigger));
                    break;
                default:
                    warn($"WARNING: trigger '{trigger.Symbol}' is not supported by containercd; it will not start builds of this job");
                    break;
            }
        }

        return read.ToImmutable();
    }

    private static string Spec(DescribableValue trigger, string name)
    {
        var spec = trigger.GetString(name, firstPositional: true) ?? string.Empty;
        if (CronSchedule.Parse(spec).Error is { } error)
        {
            throw GroovyException.Create(JavaClasses.IllegalArgumentException, error.Message);
        }

        return spec;
    }

    private static UpstreamTrigger Upstream(DescribableValue trigger)
    {
        var projects = (trigger.GetString("upstreamProjects", firstPositional: true) ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var thresholdName = trigger.GetString("threshold") ?? "SUCCESS";
        if (!BuildResultExtensions.TryParseJenkinsName(thresholdName, out var threshold))
        {
            throw GroovyException.Create(JavaClasses.IllegalArgumentException, $"upstream: threshold '{thresholdName}' is not a build result (SUCCESS, UNSTABLE, FAILURE, NOT_BUILT, ABORTED)");
        }

        return new UpstreamTrigger([.. projects], threshold);
    }
}
