using System.Collections.Immutable;

namespace ContainerCd.Parser.Declarative;

/// <summary>The fixed words of the declarative syntax: sections, directives and build conditions.</summary>
public static class DeclarativeVocabulary
{
    /// <summary>Post conditions in the order Jenkins evaluates them (by extension ordinal).</summary>
    public static ImmutableArray<string> PostConditions { get; } =
        ["always", "changed", "fixed", "regression", "aborted", "success", "unsuccessful", "unstable", "failure", "notBuilt", "cleanup"];

    public static ImmutableArray<string> RemovedSections { get; } = ["properties", "wrappers", "jobProperties", "notifications", "postBuild"];

    /// <summary>Formats a list as Java's <c>List.toString()</c> does: <c>[a, b, c]</c>.</summary>
    public static string JavaList(IEnumerable<string> items) => "[" + string.Join(", ", items) + "]";
}
