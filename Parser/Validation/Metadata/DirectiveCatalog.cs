using System.Collections.Immutable;
using static ContainerCd.Parser.Validation.Metadata.Describables;
using static ContainerCd.Parser.Validation.Metadata.ParameterType;

namespace ContainerCd.Parser.Validation.Metadata;

/// <summary>Triggers, build parameter types, tool types and when conditions the validator knows.</summary>
public static class DirectiveCatalog
{
    public static IReadOnlyDictionary<string, DescribableInfo> Triggers { get; } = ToCatalog(
    [
        Strict("cron", Req("spec")),
        Strict("pollSCM", Req("scmpoll_spec"), Opt("ignorePostCommitHooks", Flag)),
        Strict("upstream", Req("upstreamProjects"), Opt("threshold", AnyValue)),
        Strict("githubPush"),
        Strict("bitbucketPush", Opt("overrideUrl")),
        Loose("gitlab"),
        Loose("GenericTrigger"),
        Loose("parameterizedCron"),
        Loose("issueCommentTrigger"),
        Loose("pullRequestReview"),
        Loose("gerrit"),
        Loose("githubPullRequests"),
        Loose("ghprbTrigger"),
        Loose("bitBucketTrigger"),
        Loose("urlTrigger"),
        Loose("periodicFolderTrigger"),
    ]);

    public static IReadOnlyDictionary<string, DescribableInfo> BuildParameters { get; } = ToCatalog(
    [
        Strict("string", Req("name"), Opt("defaultValue"), Opt("description"), Opt("trim", Flag)),
        Strict("text", Req("name"), Opt("defaultValue"), Opt("description"), Opt("trim", Flag)),
        Strict("booleanParam", Req("name"), Opt("defaultValue", Flag), Opt("description")),
        Strict("choice", Req("name"), Opt("choices", AnyValue), Opt("description")),
        Strict("password", Req("name"), Opt("defaultValue"), Opt("description")),
        Strict("file", Req("name"), Opt("description")),
        Strict("base64File", Req("name"), Opt("description")),
        Strict("stashedFile", Req("name"), Opt("description")),
        Strict("run", Req("name"), Req("projectName"), Opt("description"), Opt("filter")),
        Strict("credentials", Req("name"), Opt("credentialType"), Opt("defaultValue"), Opt("description"), Opt("required", Flag)),
        Loose("gitParameter"),
        Loose("extendedChoice"),
        Loose("activeChoice"),
        Loose("activeChoiceParam"),
        Loose("activeChoiceReactiveParam"),
        Loose("reactiveChoice"),
        Loose("activeChoiceHtml"),
        Loose("validatingString"),
        Loose("persistentString"),
        Loose("persistentChoice"),
        Loose("persistentBoolean"),
        Loose("persistentText"),
        Loose("separator"),
        Loose("listGitBranches"),
        Loose("imageTag"),
        Loose("nodeParam"),
        Loose("label"),
        Loose("node"),
        Loose("stringParam"),
        Loose("choiceParam"),
        Loose("editableChoice"),
        Loose("hidden"),
        Loose("wHideParameterDefinition"),
        Loose("multiselect"),
    ]);

    /// <summary>Tool types with a symbol in common Jenkins installations.</summary>
    public static ImmutableArray<string> ToolTypes { get; } =
        ["allure", "ant", "dockerTool", "dotnetsdk", "git", "go", "gradle", "jdk", "jfrog", "maven", "msbuild", "nodejs", "terraform"];

    public static IReadOnlyDictionary<string, DescribableInfo> WhenConditions { get; } = ToCatalog(
    [
        Strict("branch", Req("pattern"), Opt("comparator")),
        Strict("buildingTag"),
        Strict("changelog", Req("pattern")),
        Strict("changeset", Req("pattern"), Opt("comparator"), Opt("caseSensitive", Flag)),
        Strict("changeRequest", Opt("id"), Opt("target"), Opt("branch"), Opt("fork"), Opt("url"), Opt("title"), Opt("author"),
            Opt("authorDisplayName"), Opt("authorEmail"), Opt("comparator")),
        Strict("environment", Req("name"), Req("value"), Opt("ignoreCase", Flag)),
        Strict("equals", Req("expected", AnyValue), Req("actual", AnyValue)),
        Strict("expression"),
        Strict("tag", Opt("pattern"), Opt("comparator")) with { Primary = "pattern" },
        Strict("triggeredBy", Req("cause"), Opt("detail")),
        Strict("isRestartedRun"),
        Strict("not"),
        Strict("allOf"),
        Strict("anyOf"),
    ]);
}
