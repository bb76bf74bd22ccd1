using ContainerCd.Parser.Text;
using ContainerCd.Runtime.Groovy.Interpreter;
using ContainerCd.Runtime.Groovy.Operations;
using ContainerCd.Runtime.Groovy.Values;
using ContainerCd.Runtime.History;
using ContainerCd.Runtime.Pipeline.Steps;
using ContainerCd.Runtime.Results;

namespace ContainerCd.Runtime.Pipeline.Globals;

/// <summary>
/// <c>currentBuild</c> (Jenkins' RunWrapper): result (null until set; setting it only makes it worse,
/// and marks the current stage too), currentResult, number, displayName, description, previousBuild,
/// duration and causes.
/// </summary>
public sealed class CurrentBuildGlobal(BuildContext build, FlowContext flow) : IGroovyObject
{
    public string GroovyClassName => "org.jenkinsci.plugins.workflow.support.steps.build.RunWrapper";

    public object? GetProperty(string name) => name switch
    {
        "result" => build.Result?.ToJenkinsName(),
        "currentResult" => build.CurrentResult.ToJenkinsName(),
        "number" => build.Number,
        "id" => build.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "displayName" => build.DisplayName ?? "#" + build.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "fullDisplayName" => build.Job + " #" + build.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "description" => build.Description,
        "projectName" or "fullProjectName" => build.Job,
        "previousBuild" or "previousCompletedBuild" => build.PreviousBuild is { } previous ? new PreviousBuildWrapper(previous) : null,
        "duration" => (long)(build.Time.GetUtcNow() - build.StartedAt).TotalMilliseconds,
        "durationString" => TimeUnits.Describe(build.Time.GetUtcNow() - build.StartedAt) + " and counting",
        "startTimeInMillis" or "timeInMillis" => build.StartedAt.ToUnixTimeMilliseconds(),
        "absoluteUrl" => "file://" + build.Request.Home + "/jobs/" + build.Job + "/" + build.Number.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/",
        "buildCauses" => Causes(),
        "changeSets" => Scm.ChangeLogSetValue.ListOf(build.Scm.ChangeSets),
        "upstreamBuilds" => new List<object?>(),
        "buildVariables" => new GroovyMap(build.Parameters.Select(p => new KeyValuePair<object?, object?>(p.Key, p.Value))),
        "keepLog" => false,
        "rawBuild" => throw ScriptErrors.Unsupported("currentBuild.rawBuild (Jenkins' internal Run object)"),
        _ => Undefined.Value,
    };

    public bool SetProperty(string name, object? value)
    {
        switch (name)
        {
            case "result":
                var text = GroovyFormat.ToDisplayString(value);
                if (!BuildResultExtensions.TryParseJenkinsName(text, out var result))
                {
                    throw ScriptErrors.IllegalArgument($"'{text}' is not a build result: use SUCCESS, UNSTABLE, FAILURE, NOT_BUILT or ABORTED");
                }

                build.SetResult(result);
                flow.Stage?.Worsen(result);
                return true;
            case "displayName":
                build.DisplayName = value is null ? null : GroovyFormat.ToDisplayString(value);
                return true;
            case "description":
                build.Description = value is null ? null : GroovyFormat.ToDisplayString(value);
                return true;
            case "keepLog":
                return true;
            default:
                return false;
        }
    }

    public ValueTask<object?> InvokeMethodAsync(string name, Arguments arguments, Frame frame, SourceSpan span)
    {
        var args = arguments.Flatten();
        object? result = name switch
        {
            "getBuildCauses" => args.Count == 0 ? Causes() : Causes(GroovyFormat.ToDisplayString(args[0])),
            "resultIsBetterOrEqualTo" => Compare(args) <= 0,
            "resultIsWorseOrEqualTo" => Compare(args) >= 0,
            "toString" => "org.jenkinsci.plugins.workflow.support.steps.build.RunWrapper@" + build.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => Getter(name, args),
        };
        return ValueTask.FromResult(result);
    }

    private object? Getter(string name, IReadOnlyList<object?> args)
    {
        if (name.StartsWith("get", StringComparison.Ordinal) && name.Length > 3 && args.Count == 0)
        {
            return GetProperty(char.ToLowerInvariant(name[3]) + name[4..]);
        }

        if (name.StartsWith("set", StringComparison.Ordinal) && name.Length > 3 && args.Count == 1)
        {
            return SetProperty(char.ToLowerInvariant(name[3]) + name[4..], args[0]) ? null : Undefined.Value;
        }

        return Undefined.Value;
    }

    private int Compare(IReadOnlyList<object?> args)
    {
        var other = BuildResultExtensions.TryParseJenkinsName(args.Count > 0 ? GroovyFormat.ToDisplayString(args[0]) : null, out var parsed) ? parsed : BuildResult.Success;
        return build.CurrentResult.CompareTo(other);
    }

    /// <summary>
    /// <c>currentBuild.getBuildCauses([className])</c>: the causes as Jenkins exports them (<c>_class</c>,
    /// <c>shortDescription</c>, the cause's fields), those of the given class only when one is named
    /// (<c>'hudson.model.Cause'</c> names them all, being the base class).
    /// </summary>
    private List<object?> Causes(string? className = null)
    {
        var cause = build.Request.Cause;
        if (className is not null && className != "hudson.model.Cause" && className != cause.ClassName)
        {
            return [];
        }

        var map = new GroovyMap();
        foreach (var (name, value) in cause.Exported())
        {
            map[name] = value;
        }

        return [map];
    }

    /// <summary><c>currentBuild.previousBuild</c>: what later builds know of a finished one.</summary>
    private sealed class PreviousBuildWrapper(BuildSummary summary) : IGroovyObject
    {
        public string GroovyClassName => "org.jenkinsci.plugins.workflow.support.steps.build.RunWrapper";

        public object? GetProperty(string name) => name switch
        {
            "result" or "currentResult" => summary.Result.ToJenkinsName(),
            "number" => summary.Number,
            "id" => summary.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "displayName" => summary.DisplayName ?? "#" + summary.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "description" => summary.Description,
            "duration" => (long)summary.Duration.TotalMilliseconds,
            "durationString" => TimeUnits.Describe(summary.Duration),
            "startTimeInMillis" or "timeInMillis" => summary.StartedAt.ToUnixTimeMilliseconds(),
            "previousBuild" => null,
            _ => Undefined.Value,
        };

        public bool SetProperty(string name, object? value) => false;

        public ValueTask<object?> InvokeMethodAsync(string name, Arguments arguments, Frame frame, SourceSpan span) =>
            ValueTask.FromResult(name.StartsWith("get", StringComparison.Ordinal) && name.Length > 3
                ? GetProperty(char.ToLowerInvariant(name[3]) + name[4..])
                : Undefined.Value);
    }
}
