using System.Collections.Immutable;
using System.Globalization;

namespace ContainerCd.Runtime.Pipeline;

/// <summary>
/// Why a build started, as Jenkins records it (a hudson.model.Cause): its Java class, its short description
/// (the log's first line, <c>Started by timer</c>) and the fields Jenkins exports with it (<c>userId</c>,
/// <c>upstreamProject</c>...; strings or integers). <c>when { triggeredBy }</c>,
/// <c>currentBuild.getBuildCauses()</c> and api/json's <c>causes</c> read it.
/// </summary>
public sealed record BuildCause(string ClassName, string ShortDescription, ImmutableSortedDictionary<string, object> Fields)
{
    public BuildCause(string className, string shortDescription)
        : this(className, shortDescription, ImmutableSortedDictionary<string, object>.Empty.WithComparers(StringComparer.Ordinal))
    {
    }

    /// <summary>The class's simple name: <c>UserIdCause</c>, <c>TimerTriggerCause</c>, <c>SCMTriggerCause</c>...</summary>
    public string Type => ClassName[(ClassName.LastIndexOfAny(['.', '$']) + 1)..];

    public static BuildCause User(string userId, string? userName = null) =>
        new("hudson.model.Cause$UserIdCause", $"Started by user {userName ?? userId}", Of(("userId", userId), ("userName", userName ?? userId)));

    public static BuildCause Timer() => new("hudson.triggers.TimerTrigger$TimerTriggerCause", "Started by timer");

    public static BuildCause Scm() => new("hudson.triggers.SCMTrigger$SCMTriggerCause", "Started by an SCM change");

    /// <summary>A build started by another's <c>build</c> step or an <c>upstream</c> trigger; number null when unknown.</summary>
    public static BuildCause Upstream(string project, int? number) => number is { } build
        ? new("hudson.model.Cause$UpstreamCause", string.Create(CultureInfo.InvariantCulture, $"Started by upstream project \"{project}\" build number {build}"),
            Of(("upstreamProject", project), ("upstreamBuild", build), ("upstreamUrl", $"job/{project}/")))
        : new("hudson.model.Cause$UpstreamCause", $"Started by upstream project \"{project}\"", Of(("upstreamProject", project), ("upstreamUrl", $"job/{project}/")));

    /// <summary>A build started through the remote API with a token (Jenkins' <c>/job/X/build?token=</c>), with its optional <c>cause</c> note.</summary>
    public static BuildCause Remote(string address, string? note = null) =>
        new("hudson.model.Cause$RemoteCause",
            string.IsNullOrEmpty(note) ? $"Started by remote host {address}" : $"Started by remote host {address} with note: {note}",
            Of(("addr", address), ("note", note)));

    /// <summary>The git plugin's <c>notifyCommit?sha1=</c>: a build of that commit.</summary>
    public static BuildCause CommitHook(string sha1) =>
        new("hudson.plugins.git.GitStatus$CommitHookCause", "commit notification " + sha1, Of(("sha1", sha1)));

    public static BuildCause Restart(int build, string stage) =>
        new("org.jenkinsci.plugins.pipeline.modeldefinition.causes.RestartDeclarativePipelineCause",
            string.Create(CultureInfo.InvariantCulture, $"Restarted from build #{build}, stage {stage}"), Of(("originRunNumber", build), ("originStage", stage)));

    /// <summary>
    /// <c>when { triggeredBy cause: C, detail: D }</c> as Jenkins' TriggeredByConditional: the cause's class name
    /// contains C (<c>'SCMTrigger'</c>, <c>'TimerTrigger'</c>, <c>'UserIdCause'</c>...); a detail must be the user's
    /// id for a user cause, and appear in the short description otherwise.
    /// </summary>
    public bool Matches(string cause, string? detail)
    {
        ArgumentNullException.ThrowIfNull(cause);
        if (!ClassName.Contains(cause, StringComparison.Ordinal))
        {
            return false;
        }

        if (detail is null)
        {
            return true;
        }

        return Type == "UserIdCause"
            ? Fields.TryGetValue("userId", out var user) && detail == user as string
            : ShortDescription.Contains(detail, StringComparison.Ordinal);
    }

    /// <summary>The cause as Jenkins exports it: <c>_class</c>, <c>shortDescription</c>, then its fields.</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> Exported()
    {
        var map = new List<KeyValuePair<string, object?>> { new("_class", ClassName), new("shortDescription", ShortDescription) };
        map.AddRange(Fields.Select(f => new KeyValuePair<string, object?>(f.Key, f.Value)));
        return map;
    }

    private static ImmutableSortedDictionary<string, object> Of(params (string Name, object? Value)[] fields) =>
        fields.Where(f => f.Value is not null).ToImmutableSortedDictionary(f => f.Name, f => f.Value!, StringComparer.Ordinal);
}
