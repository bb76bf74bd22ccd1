using System.Collections.Immutable;

namespace ContainerCd.Parser.Validation;

/// <summary>
/// What the validator knows beyond the Jenkinsfile. <see cref="ToolInstallations"/>: the configured
/// tool installs by tool type (<c>maven</c> → <c>apache-maven-3.0.1</c>); when null, any tool name is
/// accepted, since only the Jenkins controller knows them.
/// </summary>
public sealed record ValidationOptions
{
    public static ValidationOptions Default { get; } = new();

    public ImmutableDictionary<string, ImmutableArray<string>>? ToolInstallations { get; init; }

    /// <summary>Report steps the catalog does not know as warnings (Jenkins only fails them at run time).</summary>
    public bool WarnUnknownSteps { get; init; } = true;

    /// <summary>Steps the config declares no-ops (<c>noopSteps</c>): run skips them, so lint does not warn that run cannot run them.</summary>
    public ImmutableHashSet<string> NoopSteps { get; init; } = [];

    /// <summary>
    /// From the config (<c>containercd lint --config</c>): the agent a label names when its Docker engine is not the server's,
    /// given the label and whether the agent directive is a docker or dockerfile one; null for the server's engine or an
    /// unknown label. Lint then warns (JP2014) at the steps a stage on it runs that run refuses there.
    /// </summary>
    public Func<string, bool, ForeignEngine?>? ForeignEngines { get; init; }
}
