using System.Globalization;
using ContainerCd.Runtime.Groovy.Operations;
using ContainerCd.Runtime.Groovy.Values;
using ContainerCd.Runtime.Pipeline.Steps;

namespace ContainerCd.Runtime.Pipeline.Scm;

/// <summary>
/// Reads what a Jenkinsfile gives <c>checkout</c> into a <see cref="GitScmSpec"/>: <c>[$class: 'GitSCM', branches:,
/// userRemoteConfigs:, extensions:]</c> and its symbol form <c>scmGit(...)</c>, with the extensions
/// RelativeTargetDirectory, CleanBeforeCheckout, CleanCheckout, LocalBranch, CloneOption and PruneStaleBranch
/// (as <c>[$class: ...]</c> maps or their symbols). Anything else fails with what is not supported.
/// </summary>
internal static class GitScmParser
{
    private const string Supported = "RelativeTargetDirectory, CleanBeforeCheckout, CleanCheckout, LocalBranch, CloneOption, PruneStaleBranch";

    /// <summary>A GitSCM map or <c>scmGit(...)</c>; another SCM class fails with its name.</summary>
    public static GitScmSpec Parse(object? scm, bool changelog)
    {
        Func<string, object?> get;
        switch (scm)
        {
            case GroovyMap map:
                var type = map["$class"] is { } c ? GroovyFormat.ToDisplayString(c) : null;
                if (type is not ("GitSCM" or "hudson.plugins.git.GitSCM"))
                {
                    throw StepErrors.Abort(type is null
                        ? "checkout needs an SCM: scm, scmGit(...) or [$class: 'GitSCM', ...]"
                        : $"checkout of {type} is not supported by containercd: only git (GitSCM, scmGit, the git step)");
                }

                get = key => map[key];
                break;
            case DescribableValue { Symbol: "scmGit" } described:
                get = key => described.Get(key);
                break;
            default:
                throw StepErrors.Abort($"checkout of {Describe(scm)} is not supported by containercd: only git (checkout scm, GitSCM, scmGit, the git step)");
        }

        if (GroovyTruth.IsTrue(get("doGenerateSubmoduleConfigurations")))
        {
            throw StepErrors.Abort("GitSCM doGenerateSubmoduleConfigurations is not supported by containercd");
        }

        var remotes = List(get("userRemoteConfigs"));
        if (remotes.Count != 1)
        {
            throw StepErrors.Abort(remotes.Count == 0
                ? "GitSCM needs userRemoteConfigs: [[url: '...']]"
                : "GitSCM with several userRemoteConfigs is not supported by containercd: check each repository out with its own checkout");
        }

        var remote = Fields(remotes[0], "userRemoteConfigs");
        var url = Text(remote("url")) ?? throw StepErrors.Abort("GitSCM userRemoteConfigs needs a url");
        var branches = List(get("branches")).Select(b => Text(Fields(b, "branches")("name"))).OfType<string>().Where(b => b.Length > 0).ToList();
        if (branches.Count > 1)
        {
            throw StepErrors.Abort($"GitSCM with several branches ({string.Join(", ", branches)}) is not supported by containercd: name one");
        }

        var spec = new GitScmSpec { Url = url, CredentialsId = Text(remote("credentialsId")), Branch = branches.Count == 1 ? branches[0] : "**", Changelog = changelog };
        foreach (var extension in List(get("extensions")))
        {
            spec = Apply(spec, extension);
        }

        return spec;
    }

    private static GitScmSpec Apply(GitScmSpec spec, object? extension)
    {
        string name;
        Func<string, object?> get;
        switch (extension)
        {
            case GroovyMap map:
                name = map["$class"] is { } c ? GroovyFormat.ToDisplayString(c) : throw StepErrors.Abort("A GitSCM extension needs its $class");
                name = name[(name.LastIndexOf('.') + 1)..];
                get = key => map[key];
                break;
            case DescribableValue described:
                name = described.Symbol switch
                {
                    "relativeTargetDirectory" => "RelativeTargetDirectory",
                    "cleanBeforeCheckout" => "CleanBeforeCheckout",
                    "cleanAfterCheckout" => "CleanCheckout",
                    "localBranch" => "LocalBranch",
                    "cloneOption" => "CloneOption",
                    "pruneStaleBranch" => "PruneStaleBranch",
                    _ => described.Symbol,
                };
                get = key => described.Get(key, firstPositional: key is "relativeTargetDir" or "localBranch");
                break;
            default:
                throw StepErrors.Abort($"{Describe(extension)} is not a GitSCM extension");
        }

        return name switch
        {
            "RelativeTargetDirectory" => spec with { RelativeTargetDirectory = Text(get("relativeTargetDir")) },
            "CleanBeforeCheckout" or "CleanCheckout" => spec with { Clean = true },
            "LocalBranch" => spec with { LocalBranch = Text(get("localBranch")) is { Length: > 0 } local ? local : "**" },
            "CloneOption" => spec with
            {
                Depth = GroovyTruth.IsTrue(get("shallow")) ? Math.Max(1, Number(get("depth")) ?? 1) : null,
                NoTags = GroovyTruth.IsTrue(get("noTags")),
                Reference = Text(get("reference")) is { Length: > 0 } reference ? reference : null,
            },
            // The mirror prunes deleted branches on every fetch already.
            "PruneStaleBranch" => spec,
            _ => throw StepErrors.Abort($"The GitSCM extension {name} is not supported by containercd (supported: {Supported})"),
        };
    }

    private static List<object?> List(object? value) => value switch
    {
        null => [],
        IEnumerable<object?> items => [.. items],
        _ => [value],
    };

    private static Func<string, object?> Fields(object? value, string owner) => value switch
    {
        GroovyMap map => key => map[key],
        DescribableValue described => key => described.Get(key),
        _ => throw StepErrors.Abort($"GitSCM {owner} expects maps ([name: '...']), got {Describe(value)}"),
    };

    private static string? Text(object? value) => value is null ? null : GroovyFormat.ToDisplayString(value);

    private static int? Number(object? value) => value is null ? null : int.TryParse(GroovyFormat.ToDisplayString(value), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static string Describe(object? value) => value switch
    {
        null => "null",
        DescribableValue described => described.Symbol + "(...)",
        IGroovyObject groovy => groovy.GroovyClassName,
        _ => GroovyFormat.ToDisplayString(value),
    };
}
