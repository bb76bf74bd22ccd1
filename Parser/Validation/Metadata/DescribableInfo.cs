using System.Collections.Immutable;

namespace ContainerCd.Parser.Validation.Metadata;

/// <summary>
/// What the validator knows of a step, option, trigger, build parameter or when condition. When
/// <see cref="IsStrict"/> is false only the name is known (a plugin's step whose parameters vary
/// by version): its arguments are not checked.
/// </summary>
public sealed record DescribableInfo(string Name, ImmutableArray<ParameterInfo> Parameters, bool IsStrict)
{
    /// <summary>True for a step that takes a body (<c>timeout(1) { }</c>): such steps may be stage or pipeline options.</summary>
    public bool TakesBlock { get; init; }

    public ParameterInfo? Find(string name) => Parameters.FirstOrDefault(p => p.Name == name);

    public ImmutableArray<ParameterInfo> Required => [.. Parameters.Where(p => p.Required)];

    /// <summary>The optional parameter that an unnamed argument sets, when there is no required one (<c>tag 'v*'</c>).</summary>
    public string? Primary { get; init; }

    /// <summary>The parameter an unnamed argument sets: the only required one, the primary one, or the only one.</summary>
    public ParameterInfo? SoleParameter =>
        Required.Length == 1 ? Required[0]
        : Primary is not null ? Find(Primary)
        : Required.IsEmpty && Parameters.Length == 1 ? Parameters[0]
        : null;
}
