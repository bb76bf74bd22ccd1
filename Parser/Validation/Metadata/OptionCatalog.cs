using System.Collections.Immutable;
using static ContainerCd.Parser.Validation.Metadata.Describables;
using static ContainerCd.Parser.Validation.Metadata.ParameterType;

namespace ContainerCd.Parser.Validation.Metadata;

/// <summary>What <c>options { }</c> accepts at pipeline and stage level.</summary>
public static class OptionCatalog
{
    private static readonly DescribableInfo[] JobProperties =
    [
        Strict("buildDiscarder", Req("strategy", AnyValue)),
        Strict("disableConcurrentBuilds", Opt("abortPrevious", Flag)),
        Strict("disableResume"),
        Strict("durabilityHint", Req("hint")),
        Strict("overrideIndexTriggers", Req("overrideIndexTriggers", Flag)),
        Strict("preserveStashes", Opt("buildCount", Whole)),
        Loose("copyArtifactPermission"),
        Loose("githubProjectProperty"),
        Loose("rateLimitBuilds"),
        Loose("authorizationMatrix"),
        Loose("gitLabConnection"),
        Loose("office365ConnectorWebhooks"),
        Loose("throttleJobProperty"),
        Loose("sidebarLinks"),
        Loose("buildBlocker"),
        Loose("lockableResources"),
        Loose("pipelineTriggers"),
        Loose("parameters"),
    ];

    private static readonly (DescribableInfo Describable, bool InStage)[] DeclarativeOptions =
    [
        (Strict("checkoutToSubdirectory", Req("subdirectory")), true),
        (Strict("disableRestartFromStage"), false),
        (Strict("newContainerPerStage"), false),
        (Strict("parallelsAlwaysFailFast"), false),
        (Strict("quietPeriod", Req("quietPeriod", Whole)), false),
        (Strict("skipDefaultCheckout", Opt("skipDefaultCheckout", Flag)), true),
        (Strict("skipStagesAfterUnstable"), false),
    ];

    /// <summary>Job properties that have their own directive; Jenkins refuses them in options.</summary>
    public static IReadOnlyDictionary<string, string> Blocked { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["parameters"] = "parameters",
        ["pipelineTriggers"] = "triggers",
        ["triggers"] = "triggers",
    };

    public static IReadOnlyDictionary<string, OptionInfo> Options { get; } = Build();

    /// <summary>The option names valid at pipeline level (or, with <paramref name="inStage"/>, in a stage), sorted.</summary>
    public static ImmutableArray<string> ValidNames(bool inStage) =>
        [.. Options.Values.Where(o => !inStage || o.AllowedInStage).Where(o => !Blocked.ContainsKey(o.Describable.Name))
            .Select(o => o.Describable.Name).Order(StringComparer.Ordinal)];

    private static Dictionary<string, OptionInfo> Build()
    {
        var options = new Dictionary<string, OptionInfo>(StringComparer.Ordinal);
        foreach (var step in StepCatalog.Steps.Values.Where(s => s.TakesBlock && s.Name is not ("script" or "dir" or "ws" or "node" or "wrap" or "container" or "podTemplate" or "dockerNode" or "withDockerContainer")))
        {
            options[step.Name] = new OptionInfo(step.Signature, OptionKind.Wrapper, AllowedInStage: true);
        }

        foreach (var property in JobProperties)
        {
            options[property.Name] = new OptionInfo(property, OptionKind.JobProperty, AllowedInStage: false);
        }

        foreach (var (option, inStage) in DeclarativeOptions)
        {
            options[option.Name] = new OptionInfo(option, OptionKind.DeclarativeOption, inStage);
        }

        return options;
    }
}
