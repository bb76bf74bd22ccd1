using System.Collections.Immutable;

namespace ContainerCd.Parser.Validation.Metadata;

/// <summary>Agent types and the options each takes in its block form (<c>docker { image 'x' }</c>).</summary>
public static class AgentCatalog
{
    /// <summary>Options by agent type; null means any option is accepted (kubernetes' many fields).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>?> Types { get; } = new Dictionary<string, IReadOnlyList<string>?>(StringComparer.Ordinal)
    {
        ["any"] = [],
        ["none"] = [],
        ["label"] = ["customWorkspace", "label"],
        ["node"] = ["customWorkspace", "label"],
        ["docker"] = ["alwaysPull", "args", "containerPerStageRoot", "customWorkspace", "image", "label", "registryCredentialsId", "registryUrl", "reuseNode"],
        ["dockerfile"] = ["additionalBuildArgs", "args", "containerPerStageRoot", "customWorkspace", "dir", "filename", "label", "registryCredentialsId", "registryUrl", "reuseNode"],
        ["kubernetes"] = null,
    };

    /// <summary>The option a type cannot do without, in its block form.</summary>
    public static IReadOnlyDictionary<string, string> Required { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["node"] = "label",
        ["docker"] = "image",
    };

    /// <summary>Types Jenkins runs with a plugin but ContainerCd cannot: lint warns, run fails, with the same words.</summary>
    public static IReadOnlySet<string> Unsupported { get; } = new HashSet<string>(StringComparer.Ordinal) { "kubernetes" };

    public static ImmutableArray<string> Names { get; } = [.. Types.Keys.Order(StringComparer.Ordinal)];
}
